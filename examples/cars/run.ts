/**
 * Case study: fuel economy (miles per gallon) of cars from 1970–1982.
 * Run: npm run example:cars [-- --rows N] [--json]. See README.md here.
 */
import { derive } from '../../src/ingest/index.js';
import { registerModel } from '../../src/registry/index.js';
import { promote } from '../../src/registry/promote/index.js';
import { vegaDataFile } from '../../src/quickstart/index.js';
import { defaultConfig, train, type TrainResult } from '../../src/train/index.js';
import type { ExampleArgs } from '../lib/example-args.js';
import { hashSplit, ingestSample } from '../lib/datasets.js';
import { driftedText, driftReport } from '../lib/drift-report.js';
import { ExampleSession, printResult, round } from '../lib/example-session.js';
import { isMain, runAsScript } from '../lib/run-example.js';

const TARGET = 'Miles_per_Gallon';
const ALGOS = ['linear', 'forest', 'gbdt'] as const;

/** The maker is the first word of the name, with the data's misspellings and nicknames folded. */
const MAKE_SQL = `CASE split_part(Name, ' ', 1)
  WHEN 'chevy' THEN 'chevrolet' WHEN 'chevroelt' THEN 'chevrolet' WHEN 'vw' THEN 'volkswagen' WHEN 'vokswagen' THEN 'volkswagen'
  WHEN 'toyouta' THEN 'toyota' WHEN 'maxda' THEN 'mazda' WHEN 'mercedes-benz' THEN 'mercedes' WHEN 'capri' THEN 'mercury'
  WHEN 'hi' THEN 'international' ELSE split_part(Name, ' ', 1) END`;

/** Features: the name becomes the maker, the date becomes the model year; the name itself is an identifier and is dropped. */
const FEATURES_SQL = `SELECT ${TARGET}, Cylinders, Displacement, Horsepower, Weight_in_lbs, Acceleration,
  year(CAST("Year" AS DATE)) AS model_year, Origin, ${MAKE_SQL} AS make FROM data`;

/** Runs the case study and returns its measured results. */
export async function runCars(args: ExampleArgs) {
  const s = await ExampleSession.open('cars', args);
  try {
    const data = await s.step('ingest and features', async () => {
      const raw = await ingestSample(s.home, vegaDataFile('cars.json'), 'cars', args.rows);
      const f = await derive(s.home, raw.ref, FEATURES_SQL, 'cars-features');
      s.say(`${raw.rows} rows → ${f.record.name}@${f.record.version}: ${f.record.columns.map((c) => c.name).join(', ')}`);
      return `${f.record.name}@${f.record.version}`;
    });
    const splits = await s.step('three splits: random, by time (1970s → 1980s), rolling (→ 1980 → 1982)', async () => {
      const random = await hashSplit(s.home, data, 'cars-random', ['Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration', 'model_year', 'make']);
      const cut = async (name: string, where: string) => {
        const d = await derive(s.home, data, `SELECT * FROM data WHERE ${where}`, name);
        return { ref: `${name}@${d.record.version}`, rows: d.record.rows };
      };
      const [past, future, upTo1980, y1982] = [await cut('cars-1970s', 'model_year <= 1979'), await cut('cars-1980s', 'model_year >= 1980'), await cut('cars-to-1980', 'model_year <= 1980'), await cut('cars-1982', 'model_year = 1982')];
      s.say(`random: ${random.train} / ${random.test}`);
      s.say(`time: ${past.ref} (${past.rows} rows) / ${future.ref} (${future.rows} rows); rolling: ${upTo1980.ref} (${upTo1980.rows}) / ${y1982.ref} (${y1982.rows})`);
      return { random, time: { train: past.ref, test: future.ref }, rolling: { train: upTo1980.ref, test: y1982.ref } };
    });
    const results = await s.step('linear, forest and gbdt on each split (5-fold CV on the training rows)', async () => {
      const out: Record<string, Record<string, TrainResult>> = { random: {}, time: {}, rolling: {} };
      for (const [name, split] of Object.entries(splits)) {
        for (const algo of ALGOS) {
          const r = await train(s.home, { ...defaultConfig(split.train, TARGET), algo, cv: 5, test_dataset: split.test, experiment: `cars-${name}` });
          out[name][algo] = r;
          s.say(`${name.padEnd(7)} ${algo.padEnd(6)} cv rmse ${r.metrics.cv!.mean.rmse.toFixed(2)}; test rmse ${r.metrics.test.rmse.toFixed(2)}, mae ${r.metrics.test.mae.toFixed(2)}, r2 ${r.metrics.test.r2.toFixed(3)}`);
        }
      }
      return out;
    });
    const drift = await s.step('drift: the 1980s against the 1970s', async () => {
      const d = await driftReport(s.home, splits.time.train, splits.time.test, s.file('drift-1980s.html'));
      s.say(`${d.drifted_columns} of ${d.tested_columns} columns drifted: ${driftedText(d)} → ${s.file('drift-1980s.html')}`);
      return d;
    });
    // Two candidates for release, each chosen by CV on its own training rows (never by its test rows):
    // the 1970s model, judged on the 1980s, and the model retrained through 1980, judged on 1982.
    const pick = (split: 'time' | 'rolling') => ALGOS.reduce((a, b) => (results[split][b].metrics.cv!.mean.rmse < results[split][a].metrics.cv!.mean.rmse ? b : a));
    const best = { time: pick('time'), rolling: pick('rolling') };
    const gates = await s.step('register and promote through the gate rmse <= 4 mpg on the newest cars', async () => {
      const out: Record<string, { algo: string; version: number; passed: boolean; rmse: number; r2: number }> = {};
      for (const split of ['time', 'rolling'] as const) {
        const { record } = await registerModel(s.home, results[split][best[split]].run_id, { name: 'mpg' });
        const p = await promote(s.home, { ref: `mpg:${record.version}`, gate: 'rmse <= 4', dataset: splits[split].test });
        out[split] = { algo: best[split], version: record.version, passed: p.passed, rmse: round(p.scores.candidate.rmse), r2: round(p.scores.candidate.r2) };
        s.say(`${split}: ${best[split]} → mpg:${record.version}, rmse ${out[split].rmse} (r2 ${out[split].r2}) on ${splits[split].test}: ${p.passed ? `passed, @production → ${record.version}` : 'REFUSED'}`);
      }
      return out;
    });
    const table = (name: 'random' | 'time' | 'rolling') =>
      Object.fromEntries(ALGOS.map((a) => {
        const m = results[name][a].metrics;
        return [a, { cv_rmse: round(m.cv!.mean.rmse), test_rmse: round(m.test.rmse), test_mae: round(m.test.mae), test_r2: round(m.test.r2) }];
      }));
    const result = {
      rows: (await s.home.meta.getDatasetVersion('cars-features', 1))?.rows,
      random_split: table('random'),
      time_split: table('time'),
      rolling_split: table('rolling'),
      gates,
      drift: { drifted: drift.columns.filter((c) => c.drift).map((c) => c.name), drift_share: drift.drift_share },
      reports: { drift: s.file('drift-1980s.html') },
    };
    printResult(s, result);
    return result;
  } finally {
    await s.close();
  }
}

if (isMain(import.meta.url)) await runAsScript(runCars);
