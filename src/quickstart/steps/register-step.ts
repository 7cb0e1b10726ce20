import { registerModel, setAlias } from '../../registry/index.js';
import { MODEL, need, type Step } from '../context.js';

/** Step 5: the run's package becomes pen:1, and @production points at it. */
export const registerStep: Step = {
  name: 'register',
  title: 'register + @production — the package becomes a model version with an alias',
  async run(ctx) {
    const run = need(ctx.state.train, 'train');
    const { record } = await registerModel(ctx.home, run.run_id, { name: MODEL, description: 'penguin species from beak, flipper, mass, island and sex (quickstart)' });
    await setAlias(ctx.home, MODEL, 'production', record.version, { message: 'quickstart: the first model' });
    ctx.state.version = record.version;
    ctx.narrator.say(`${MODEL}:${record.version} registered (lineage: version → run ${run.run_id.slice(0, 10)}… → ${ctx.state.dataset}); ${MODEL}@production → ${record.version}, audited`);
  },
  commands: (ctx) => [`lathe alias set ${MODEL} production ${ctx.state.version ?? 1} -m "the first model"`],
};
