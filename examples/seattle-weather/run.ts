/**
 * Case study: the day's weather type in Seattle from its measurements, with
 * a time split and year-on-year drift, monitored while served.
 * Run: npm run example:seattle-weather [-- --rows N] [--json]. See README.md here.
 */
import { derive, loadFrame } from '../../src/ingest/index.js';
import { registerModel, setAlias } from '../../src/registry/index.js';
import { vegaDataFile } from '../../src/quickstart/index.js';
import { defaultConfig, train, type TrainResult } from '../../src/train/index.js';
import type { ExampleArgs } from '../lib/example-args.js';
import { hashSplit, ingestSample } from '../lib/datasets.js';
import { driftedText, driftReport } from '../lib/drift-report.js';
import { ExampleSession, printResult, round } from '../lib/example-session.js';
import { isMain, runAsScript } from '../lib/run-example.js';
import { replayAndMonitor } from '../lib/served-replay.js';

const TARGET = 'weather';
const INPUTS = ['precipitation', 'temp_max', 'temp_min', 'wind', 'month'];
const ALGOS = ['logistic', 'forest', 'gbdt'] as const;

/** Runs the case study and returns its measured results. */
export async function runSeattle(args: ExampleArgs) {
  const s = await ExampleSession.open('seattle-weather', args);
  try {
    const data = await s.step('ingest and features', async () => {
      const raw = await ingestSample(s.home, vegaDataFile('seattle-weather.csv'), 'seattle', args.rows);
      // The day is the request id when served; prefixed, because a bare date in the labels file is read back as a DATE.
      // The month carries the season; the date itself would let a model learn the calendar, which never repeats.
      const f = await derive(s.home, raw.ref, `SELECT 'day-' || strftime("date", '%Y-%m-%d') AS day, year("date") AS year, month("date") AS month, precipitation, temp_max, temp_min, wind, weather FROM data ORDER BY "date"`, 'seattle-features');
      const counts = await loadFrame(s.home, `seattle-features@${f.record.version}`, { sql: `SELECT year, weather, count(*)::DOUBLE AS n FROM data GROUP BY ALL ORDER BY ALL` });
      const byYear: Record<string, Record<string, number>> = {};
      for (let i = 0; i < counts.rows; i++) (byYear[String(counts.value('year', i))] ??= {})[String(counts.value('weather', i))] = Number(counts.value('n', i));
      s.say(`${raw.rows} days; labels per year: ${Object.entries(byYear).map(([y, c]) => `${y} ${JSON.stringify(c)}`).join('; ')}`);
      return { ref: `seattle-features@${f.record.version}`, byYear };
    });
    const splits = await s.step('splits: random days, and by time (2012–2014 → 2015)', async () => {
      const cols = (sql: string) => `SELECT ${[...INPUTS, TARGET].join(', ')} FROM data WHERE ${sql}`;
      const past = await derive(s.home, data.ref, cols('year <= 2014'), 'seattle-2012-2014');
      const y2015 = await derive(s.home, data.ref, cols('year = 2015'), 'seattle-2015');
      const all = await derive(s.home, data.ref, cols('true'), 'seattle-all');
      const random = await hashSplit(s.home, `seattle-all@${all.record.version}`, 'seattle-random', INPUTS);
      s.say(`time: ${past.record.rows} days / ${y2015.record.rows} days; random: ${random.train} / ${random.test}`);
      return { random, time: { train: `seattle-2012-2014@${past.record.version}`, test: `seattle-2015@${y2015.record.version}` } };
    });
    const results = await s.step('logistic, forest and gbdt on both splits', async () => {
      const out: Record<string, Record<string, TrainResult>> = { random: {}, time: {} };
      for (const [name, split] of Object.entries(splits)) {
        for (const algo of ALGOS) {
          const r = await train(s.home, { ...defaultConfig(split.train, TARGET), algo, cv: 5, test_dataset: split.test, experiment: `seattle-${name}` });
          out[name][algo] = r;
          s.say(`${name.padEnd(6)} ${algo.padEnd(8)} cv log_loss ${r.metrics.cv!.mean.log_loss.toFixed(3)}; test accuracy ${r.metrics.test.accuracy.toFixed(3)}, balanced ${r.metrics.test.balanced_accuracy.toFixed(3)}, macro F1 ${r.metrics.test.f1_macro.toFixed(3)}`);
        }
      }
      return out;
    });
    const drift = await s.step('drift: 2015 against 2012–2014, labels included', async () => {
      const d = await driftReport(s.home, splits.time.train, splits.time.test, s.file('drift-2015.html'));
      s.say(`${d.drifted_columns} of ${d.tested_columns} columns drifted: ${driftedText(d)} → ${s.file('drift-2015.html')}`);
      return d;
    });
    const best = ALGOS.reduce((a, b) => (results.time[b].metrics.cv!.mean.log_loss < results.time[a].metrics.cv!.mean.log_loss ? b : a));
    const monitored = await s.step('serve the 2012–2014 model and replay 2015 day by day, monitored by quarter', async () => {
      const { record } = await registerModel(s.home, results.time[best].run_id, { name: 'seattle' });
      await setAlias(s.home, 'seattle', 'production', record.version, { message: 'trained on 2012–2014' });
      const frame = await loadFrame(s.home, data.ref, { sql: 'SELECT * FROM data WHERE year = 2015 ORDER BY day' });
      const quarter = Math.floor(frame.rows / 4);
      const r = await replayAndMonitor(s.home, {
        model: 'seattle', frame, inputs: INPUTS, idColumn: 'day', labelColumn: TARGET,
        monitor: { window: String(quarter), rules: [{ feature_drift: { share: 0.5 } }, { prediction_drift: {} }, { metric: { name: 'accuracy', max_drop: 0.1 } }], sinks: ['log'] },
        labelsFile: s.file('labels-2015.csv'), htmlFile: s.file('monitor-2015.html'),
      });
      for (const [i, w] of r.run.windows.entries()) {
        s.say(`window ${i + 1} (${w.rows} days): drift share ${w.drift_share?.toFixed(2)}, prediction drift ${w.prediction?.drift ? 'yes' : 'no'}, realized accuracy ${w.realized.accuracy?.toFixed(3)}${w.alerts.fired.length ? `, ALERT ${w.alerts.fired.join(', ')}` : ''}`);
      }
      s.say(`${r.requests} requests to ${r.url}; ${r.run.open_rows} rows left in the open window; report ${s.file('monitor-2015.html')}`);
      return r;
    });
    const table = (name: 'random' | 'time') =>
      Object.fromEntries(ALGOS.map((a) => {
        const m = results[name][a].metrics;
        return [a, { cv_log_loss: round(m.cv!.mean.log_loss), test_accuracy: round(m.test.accuracy), test_balanced_accuracy: round(m.test.balanced_accuracy), test_f1_macro: round(m.test.f1_macro) }];
      }));
    const result = {
      labels_per_year: data.byYear,
      random_split: table('random'),
      time_split: table('time'),
      chosen: best,
      drift: { drifted: drift.columns.filter((c) => c.drift).map((c) => c.name), drift_share: drift.drift_share },
      monitoring: monitored.run.windows.map((w) => ({ rows: w.rows, drift_share: w.drift_share, prediction_drift: w.prediction?.drift ?? null, accuracy: w.realized.accuracy === undefined ? null : round(w.realized.accuracy), alerts: w.alerts.fired })),
      reports: { drift: s.file('drift-2015.html'), monitor: s.file('monitor-2015.html') },
    };
    printResult(s, result);
    return result;
  } finally {
    await s.close();
  }
}

if (isMain(import.meta.url)) await runAsScript(runSeattle);
