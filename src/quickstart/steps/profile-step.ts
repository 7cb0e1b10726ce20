import { profileDataset } from '../../data/index.js';
import { profileHtml } from '../../report/index.js';
import { writeFileAtomic } from '../../store/index.js';
import { need, type Step, TARGET } from '../context.js';
import { workFile } from '../paths.js';

/** Step 2: per-column statistics, stored with the version, and an HTML report. */
export const profileStep: Step = {
  name: 'profile',
  title: 'profile — statistics per column, stored with the version, plus an HTML report',
  async run(ctx) {
    const profile = await profileDataset(ctx.home, need(ctx.state.dataset, 'dataset'));
    const file = workFile(ctx, 'profile.html');
    writeFileAtomic(file, profileHtml(profile));
    ctx.state.reports.profile = file;
    const target = profile.columns.find((c) => c.name === TARGET);
    const missing = profile.columns.filter((c) => c.missing > 0).map((c) => `${c.name} ${c.missing}`);
    ctx.narrator.say(`${TARGET}: ${target?.top.map((t) => `${t.value} ${t.count}`).join(', ')}; missing: ${missing.join(', ')}`);
    ctx.narrator.say(`report: ${file}`);
  },
  commands: (ctx) => [`lathe profile ${ctx.state.dataset} --html profile.html`],
};
