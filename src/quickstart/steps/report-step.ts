import { writeFileAtomic } from '../../store/index.js';
import { MODEL, need, type Step } from '../context.js';
import { driftReport } from '../drift-report.js';
import { round3 } from '../metrics-text.js';
import { monitorReport, monitorYaml, writeLabels } from '../monitor-report.js';
import { generated, workFile } from '../paths.js';

/**
 * Step 9: the drift report (the batch against the training data) and the
 * performance report (the prediction log in windows, with delayed labels
 * joined: realized accuracy, drift per window, alerts).
 */
export const reportStep: Step = {
  name: 'monitor',
  title: 'drift + performance report — what changed, and what it cost',
  async run(ctx) {
    const server = need(ctx.state.server, 'server');
    // The server writes the log in batches after answering; the monitor must see every row.
    await server.ctx.predictionLog?.flush();
    const drift = await driftReport(ctx.home, need(ctx.state.dataset, 'dataset'), need(ctx.state.driftedFile, 'drifted batch'), workFile(ctx, 'drift.html'));
    ctx.state.drift = drift;
    ctx.state.reports.drift = workFile(ctx, 'drift.html');
    const drifted = drift.columns.filter((c) => c.drift).map((c) => `${c.name} (${c.test} ${c.test === 'ks' || c.test === 'chi2' ? `p=${c.p_value?.toExponential(1)}` : `score ${round3(c.score ?? Number.NaN)}`})`);
    ctx.narrator.say(`lathe drift: ${drift.drifted_columns} of ${drift.tested_columns} columns drifted: ${drifted.join(', ') || 'none'} → ${ctx.state.reports.drift}`);

    const files = { labels: workFile(ctx, 'labels.csv'), config: workFile(ctx, 'lathe.yaml'), html: workFile(ctx, 'monitor.html') };
    writeLabels(files.labels, ctx.state.traffic);
    writeFileAtomic(files.config, monitorYaml(ctx.state.logged / 2));
    const { labels, run } = await monitorReport(ctx.home, MODEL, files, () => {});
    ctx.state.monitor = run;
    ctx.state.reports.monitor = files.html;
    ctx.narrator.say(`lathe labels ingest: ${labels.stored} delayed labels joined to logged predictions by request id`);
    for (const [i, w] of run.windows.entries()) {
      const acc = w.realized.accuracy;
      ctx.narrator.say(`window ${i + 1} (${w.rows} predictions): drift share ${w.drift_share === null ? 'no data' : round3(w.drift_share)}, realized accuracy ${acc === undefined ? '—' : round3(acc)}${w.alerts.fired.length ? `, ALERT ${w.alerts.fired.join(', ')}` : ''}`);
    }
    ctx.narrator.say(`lathe monitor show → ${files.html}`);
  },
  commands: (ctx) => [
    `lathe drift --reference ${ctx.state.dataset} --current ${generated('drifted-batch.json')} --html drift.html`,
    `lathe labels ingest ${generated('labels.csv')} --model ${MODEL} --id-column id --label-column species`,
    `lathe monitor run ${MODEL} --config ${generated('lathe.yaml')}`,
    `lathe monitor show ${MODEL} --html monitor.html`,
  ],
};
