/**
 * Case study: penguin species from body measurements, with missing values.
 * Run: npm run example:penguins [-- --rows N] [--json]. See README.md here.
 */
import { derive } from '../../src/ingest/index.js';
import { registerModel } from '../../src/registry/index.js';
import { promote } from '../../src/registry/promote/index.js';
import { vegaDataFile } from '../../src/quickstart/index.js';
import { batchPredict } from '../../src/predict/index.js';
import { defaultConfig, train, type TrainResult } from '../../src/train/index.js';
import type { ExampleArgs } from '../lib/example-args.js';
import { hashSplit, ingestSample } from '../lib/datasets.js';
import { evaluateModel } from '../lib/evaluate-model.js';
import { ExampleSession, printResult, round } from '../lib/example-session.js';
import { isMain, runAsScript } from '../lib/run-example.js';

const TARGET = 'Species';
const ALGOS = ['logistic', 'forest', 'gbdt'] as const;
const MEASURES = ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'];

/** Runs the case study and returns its measured results. */
export async function runPenguins(args: ExampleArgs) {
  const s = await ExampleSession.open('penguins', args);
  try {
    const data = await s.step('ingest', async () => {
      const raw = await ingestSample(s.home, vegaDataFile('penguins.json'), 'penguins', args.rows);
      // Quirk: one row has Sex "." — a data-entry placeholder, not a third sex. It becomes missing.
      const clean = await derive(s.home, raw.ref, `SELECT * REPLACE (CASE WHEN Sex = '.' THEN NULL ELSE Sex END AS Sex) FROM data`, 'penguins-clean');
      s.say(`${raw.rows} rows; Sex "." recoded as missing → ${clean.record.name}@${clean.record.version}`);
      return `${clean.record.name}@${clean.record.version}`;
    });
    const split = await s.step('split', async () => {
      const sp = await hashSplit(s.home, data, 'penguins', [TARGET, 'Island', ...MEASURES, 'Sex']);
      s.say(`80/20 by a hash of each row: ${sp.train} / ${sp.test}`);
      return sp;
    });
    const runs = await s.step('compare algorithms (5-fold CV on the training rows, then the test rows)', async () => {
      const out: Record<string, TrainResult> = {};
      for (const algo of ALGOS) {
        const cfg = { ...defaultConfig(split.train, TARGET), algo, cv: 5, test_dataset: split.test, experiment: 'penguins' };
        out[algo] = await train(s.home, cfg);
        const r = out[algo];
        s.say(`${algo.padEnd(9)} cv log_loss ${r.metrics.cv!.mean.log_loss.toFixed(3)} ± ${r.metrics.cv!.std.log_loss.toFixed(3)}, cv accuracy ${r.metrics.cv!.mean.accuracy.toFixed(3)}; test accuracy ${r.metrics.test.accuracy.toFixed(3)}, macro F1 ${r.metrics.test.f1_macro.toFixed(3)}`);
      }
      return out;
    });
    // The choice is made on cross-validation, never on the test rows: those stay an unbiased estimate.
    const best = ALGOS.reduce((a, b) => (runs[b].metrics.cv!.mean.log_loss < runs[a].metrics.cv!.mean.log_loss ? b : a));
    const promotion = await s.step('register and promote through an absolute gate', async () => {
      const { record } = await registerModel(s.home, runs[best].run_id, { name: 'penguins' });
      const p = await promote(s.home, { ref: `penguins:${record.version}`, gate: 'accuracy >= 0.95 and f1_macro >= 0.95', dataset: split.test });
      s.say(`${best} (lowest CV log_loss) → penguins:${record.version}; gate ${p.passed ? 'passed' : 'REFUSED'}${p.moved ? ', @production set' : ''}`);
      return p;
    });
    const missing = await s.step('robustness to missing values (test rows with one measure blanked)', async () => {
      const out: Record<string, Record<string, number>> = {};
      for (const col of ['Sex', 'Beak Length (mm)', 'Flipper Length (mm)']) {
        // CASE WHEN false keeps the column's type: a bare NULL would be an integer column.
        const blanked = await derive(s.home, split.test, `SELECT * REPLACE (CASE WHEN false THEN "${col}" END AS "${col}") FROM data`, 'penguins-test-blanked');
        out[col] = {};
        for (const algo of ALGOS) out[col][algo] = round((await evaluateModel(s.home, runs[algo].run_id, `${blanked.record.name}@${blanked.record.version}`)).accuracy);
        s.say(`${col} missing on every test row: accuracy ${ALGOS.map((a) => `${a} ${out[col][a]}`).join(', ')}`);
      }
      return out;
    });
    const scored = await s.step('batch scoring of every row', async () => {
      const r = await batchPredict(s.home, { model: 'penguins@production', input: data, output: s.file('penguins-scored.parquet'), keep: [TARGET] });
      s.say(`${r.rows} rows → ${r.output} in ${r.seconds.toFixed(2)} s`);
      return r;
    });
    const result = {
      rows: (await s.home.meta.getDatasetVersion('penguins-clean', 1))?.rows,
      algorithms: Object.fromEntries(ALGOS.map((a) => [a, { cv_log_loss: round(runs[a].metrics.cv!.mean.log_loss), cv_accuracy: round(runs[a].metrics.cv!.mean.accuracy), test_accuracy: round(runs[a].metrics.test.accuracy), test_f1_macro: round(runs[a].metrics.test.f1_macro), test_log_loss: round(runs[a].metrics.test.log_loss) }])),
      chosen: best,
      gate: { passed: promotion.passed, moved: promotion.moved },
      accuracy_with_missing: missing,
      batch: { rows: scored.rows, seconds: round(scored.seconds, 2) },
    };
    printResult(s, result);
    return result;
  } finally {
    await s.close();
  }
}

if (isMain(import.meta.url)) await runAsScript(runPenguins);
