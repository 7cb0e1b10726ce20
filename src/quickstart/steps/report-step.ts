import { readFileSync } from 'node:fs';
import { ingest } from '../../ingest/index.js';
import { writeFileAtomic } from '../../store/index.js';
import { DATASET, MODEL, need, type QuickstartContext, type Step, TARGET } from '../context.js';
import { driftReport } from '../drift-report.js';
import { round3 } from '../metrics-text.js';
import { ingestQuickstartLabels, monitorRun, monitorYaml, writeLabels } from '../monitor-report.js';
import type { PenguinRow } from '../penguin-traffic.js';
import { generated, workFile } from '../paths.js';
import { jobText } from '../job-text.js';

/**
 * Step 9: the drift report (the batch against the training data), the
 * delayed labels, and the monitor run: windows with realized accuracy,
 * alerts — and, under the `retrain:` policy, the closed loop they start.
 */
export const reportStep: Step = {
  name: 'monitor',
  title: 'drift + performance report — what changed, what it cost, and the alert that starts the loop',
  async run(ctx) {
    const server = need(ctx.state.server, 'server');
    // The server writes the log in batches after answering; the monitor must see every row.
    await server.ctx.predictionLog?.flush();
    const drift = await driftReport(ctx.home, need(ctx.state.dataset, 'dataset'), need(ctx.state.driftedFile, 'drifted batch'), workFile(ctx, 'drift.html'));
    ctx.state.drift = drift;
    ctx.state.reports.drift = workFile(ctx, 'drift.html');
    const drifted = drift.columns.filter((c) => c.drift).map((c) => `${c.name} (${c.test} ${c.test === 'ks' || c.test === 'chi2' ? `p=${c.p_value?.toExponential(1)}` : `score ${round3(c.score ?? Number.NaN)}`})`);
    ctx.narrator.say(`lathe drift: ${drift.drifted_columns} of ${drift.tested_columns} columns drifted: ${drifted.join(', ') || 'none'} → ${ctx.state.reports.drift}`);

    const labelsFile = workFile(ctx, 'labels.csv');
    writeLabels(labelsFile, ctx.state.traffic);
    const labels = await ingestQuickstartLabels(ctx.home, MODEL, labelsFile);
    ctx.state.newDataset = await appendLabelledBatch(ctx);
    ctx.narrator.say(`lathe labels ingest: ${labels.stored} delayed labels joined to the logged predictions by request id; the labelled batch joins the training data as ${ctx.state.newDataset}`);

    const config = workFile(ctx, 'lathe.yaml');
    writeFileAtomic(config, monitorYaml(ctx.state.logged / 2));
    const run = await monitorRun(ctx.home, MODEL, config, workFile(ctx, 'monitor.html'));
    ctx.state.monitor = run;
    ctx.state.reports.monitor = workFile(ctx, 'monitor.html');
    for (const [i, w] of run.windows.entries()) {
      const acc = w.realized.accuracy;
      ctx.narrator.say(`window ${i + 1} (${w.rows} predictions): drift share ${w.drift_share === null ? 'no data' : round3(w.drift_share)}, realized accuracy ${acc === undefined ? '—' : round3(acc)}${w.alerts.fired.length ? `, ALERT ${w.alerts.fired.join(', ')}` : ''}`);
    }
    if (run.job) ctx.narrator.say(`the retrain: policy started job ${run.job.id}: ${jobText(run.job)}`);
    ctx.narrator.say(`lathe monitor show → ${ctx.state.reports.monitor}`);
  },
  commands: (ctx) => [
    `lathe drift --reference ${ctx.state.dataset} --current ${generated('drifted-batch.json')} --html drift.html`,
    `lathe labels ingest ${generated('labels.csv')} --model ${MODEL} --id-column id --label-column species`,
    `lathe ingest ${generated('penguins-with-new-batch.json')} --name ${DATASET}`,
    `lathe monitor run ${MODEL} --config ${generated('lathe.yaml')}`,
    `lathe monitor show ${MODEL} --html monitor.html`,
  ],
};

/**
 * The drifted batch as it was served, with the labels that arrived for it,
 * appended to the training data as the dataset's next version: the closed
 * loop retrains on the newest version of the champion's dataset.
 */
async function appendLabelledBatch(ctx: QuickstartContext): Promise<string> {
  const original = JSON.parse(readFileSync(ctx.penguinsFile, 'utf8')) as PenguinRow[];
  const served = JSON.parse(readFileSync(need(ctx.state.driftedFile, 'drifted batch'), 'utf8')) as PenguinRow[];
  const species = ctx.state.traffic.filter((t) => t.drifted).map((t) => t.species);
  const file = workFile(ctx, 'penguins-with-new-batch.json');
  writeFileAtomic(file, JSON.stringify([...original, ...served.map((row, i) => ({ [TARGET]: species[i], ...row }))]));
  const { record } = await ingest(ctx.home, file, DATASET);
  return `${DATASET}@${record.version}`;
}
