/**
 * Case study: will a flight leave more than 15 minutes late? 3M US flights
 * (Jan–Jun 2001): a time split, batch scoring of every row, serving under
 * load, and a closed retraining loop set off by a later period.
 * Run: npm run example:flights [-- --rows N] [--json]. See README.md here.
 */
import { derive, loadFrame } from '../../src/ingest/index.js';
import { batchPredict } from '../../src/predict/index.js';
import { vegaDataFile } from '../../src/quickstart/index.js';
import { registerModel, setAlias } from '../../src/registry/index.js';
import { promote } from '../../src/registry/promote/index.js';
import { defaultConfig, train } from '../../src/train/index.js';
import type { ExampleArgs } from '../lib/example-args.js';
import { ingestSample } from '../lib/datasets.js';
import { driftedText, driftReport } from '../lib/drift-report.js';
import { ExampleSession, peakRssMiB, printResult, round } from '../lib/example-session.js';
import { loadTest } from '../lib/load-test.js';
import { isMain, runAsScript } from '../lib/run-example.js';
import { replayAndMonitor } from '../lib/served-replay.js';

const TARGET = 'delayed';
const INPUTS = ['hour', 'dow', 'distance', 'origin', 'destination'];
/** Features known when the flight is scheduled; the date itself stays out (a model cannot learn a calendar that never repeats). */
const FEATURES = `hour("date") AS hour, dayofweek("date") AS dow, distance, origin, destination`;
const LABEL = `delay > 15 AS ${TARGET}`;

/** Runs the case study and returns its measured results. */
export async function runFlights(args: ExampleArgs) {
  const s = await ExampleSession.open('flights', args);
  const rss: Record<string, number> = {};
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const r = await s.step(name, fn);
    rss[name] = peakRssMiB();
    return r;
  };
  try {
    const source = await step('ingest', async () => {
      const r = await ingestSample(s.home, vegaDataFile('flights-3m.parquet'), 'flights', args.rows);
      s.say(`${r.rows.toLocaleString('en-US')} flights → ${r.ref}`);
      return r;
    });
    const sets = await step('derive the time split and the scoring input', async () => {
      const cut = async (name: string, where: string, label = true) => {
        const d = await derive(s.home, source.ref, `SELECT ${FEATURES}${label ? `, ${LABEL}` : ''} FROM data WHERE ${where}`, name);
        return { ref: `${name}@${d.record.version}`, rows: d.record.rows };
      };
      const r = {
        train: await cut('flights-train', `"date" < '2001-05-01'`),
        may: await cut('flights-may', `"date" >= '2001-05-01' AND "date" < '2001-06-01'`),
        june: await cut('flights-june', `"date" >= '2001-06-01'`),
        all: await cut('flights-features', 'true', false),
      };
      s.say(`train Jan–Apr ${r.train.rows.toLocaleString('en-US')} rows; test May ${r.may.rows.toLocaleString('en-US')}; later period June ${r.june.rows.toLocaleString('en-US')}; scoring input ${r.all.rows.toLocaleString('en-US')}`);
      return r;
    });
    const trained = await step('train gbdt on Jan–Apr, test on May', async () => {
      const r = await train(s.home, { ...defaultConfig(sets.train.ref, TARGET), algo: 'gbdt', test_dataset: sets.may.ref, experiment: 'flights' });
      const { record } = await registerModel(s.home, r.run_id, { name: 'flights' });
      await setAlias(s.home, 'flights', 'production', record.version, { message: 'trained on Jan–Apr' });
      // The same package under a second name serves the load test, so its traffic stays out of the monitored model's log.
      await registerModel(s.home, r.run_id, { name: 'flights-load' });
      s.say(`fit ${r.train_seconds.toFixed(1)} s; May: roc_auc ${r.metrics.test.roc_auc.toFixed(4)}, average_precision ${r.metrics.test.average_precision.toFixed(4)}, log_loss ${r.metrics.test.log_loss.toFixed(4)}, accuracy ${r.metrics.test.accuracy.toFixed(4)}`);
      return r;
    });
    const scored = await step('batch scoring of every row', async () => {
      const r = await batchPredict(s.home, { model: 'flights@production', input: sets.all.ref, output: s.file('flights-scored.parquet') });
      s.say(`${r.rows.toLocaleString('en-US')} rows in ${r.seconds.toFixed(1)} s (${Math.round(r.rows / r.seconds).toLocaleString('en-US')} rows/s) → ${r.output}`);
      return r;
    });
    const load = await step('serving under load (lathe serve in its own process, autocannon, single-row OIP requests)', async () => {
      const may = await loadFrame(s.home, sets.may.ref, { sql: 'SELECT * FROM data LIMIT 1' });
      const inputs = INPUTS.map((c) => ({ name: c, datatype: typeof may.value(c, 0) === 'string' ? 'BYTES' : 'FP64', shape: [1], data: [may.value(c, 0)] }));
      const r = await loadTest(s.dir, 'flights-load', { inputs }, args.rows ? 3 : 10);
      s.say(`${r.connections} connections for ${r.seconds} s: ${r.req_per_s.toLocaleString('en-US')} req/s, p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms, ${r.non2xx} non-2xx; server exit after SIGTERM: ${r.server_exit}`);
      return r;
    });
    const drift = await step('drift: June against the training months, labels included', async () => {
      const d = await driftReport(s.home, sets.train.ref, sets.june.ref, s.file('drift-june.html'));
      s.say(`${d.drifted_columns} of ${d.tested_columns} columns drifted: ${driftedText(d)}`);
      return d;
    });
    const loop = await step('monitored replay: May then June through the server, labels, the closed loop', async () => {
      // The newest version of the champion's dataset is what the loop retrains on: May, now labelled, joins the training rows.
      const grown = await derive(s.home, source.ref, `SELECT ${FEATURES}, ${LABEL} FROM data WHERE "date" < '2001-06-01'`, 'flights-train');
      s.say(`flights-train@${grown.record.version}: Jan–May, ${grown.record.rows.toLocaleString('en-US')} rows, for the retrain`);
      const per = Math.min(2000, Math.floor(Math.min(sets.may.rows, sets.june.rows) / 3));
      const part = (name: string, where: string, n: number, seed: number) =>
        `SELECT '${name}-' || row_number() OVER () AS id, ${seed} AS part, * FROM (SELECT ${FEATURES}, ${LABEL} FROM data WHERE ${where}) USING SAMPLE reservoir(${n} ROWS) REPEATABLE (${seed})`;
      const MAY = `"date" >= '2001-05-01' AND "date" < '2001-06-01'`;
      const JUNE = `"date" >= '2001-06-01'`;
      const frame = await loadFrame(s.home, source.ref, { sql: `SELECT * FROM (${part('may', MAY, per, 1)} UNION ALL ${part('june', JUNE, per, 2)}) ORDER BY part` });
      const canaryFrame = await loadFrame(s.home, source.ref, { sql: part('june-canary', JUNE, Math.min(600, 3 * per), 3) });
      const r = await replayAndMonitor(s.home, {
        model: 'flights', frame, inputs: INPUTS, idColumn: 'id', labelColumn: TARGET, canaryFrame,
        monitor: { window: String(per), rules: [{ feature_drift: { share: 0.5 } }, { prediction_drift: {} }, { metric: { name: 'accuracy', max_drop: 0.02 } }], sinks: ['log'] },
        retrain: { on: ['drift', 'performance'], canary: { percent: 50, requests: Math.min(200, Math.floor(canaryFrame.rows / 3)) }, approve: 'auto' },
        labelsFile: s.file('labels.csv'), htmlFile: s.file('monitor.html'),
      });
      for (const [i, w] of r.run.windows.entries()) {
        s.say(`window ${i + 1} (${i === 0 ? 'May' : 'June'}, ${w.rows} flights): drift share ${w.drift_share?.toFixed(2)}, realized accuracy ${w.realized.accuracy?.toFixed(3)}${w.alerts.fired.length ? `, ALERT ${w.alerts.fired.join(', ')}` : ''}`);
      }
      const job = r.verdict?.job ?? r.run.job;
      if (job) s.say(`retrain job ${job.status}: ${job.history.map((h) => h.step).join(' → ')}; candidate flights:${job.candidate}`);
      if (r.canary) s.say(`canary: ${r.canary.sent} June requests, ${r.canary.answered_by_candidate} answered by the candidate`);
      return { ...r, job };
    });
    const fairGate = await step('the gate on later rows neither model trained on (lathe promote --dataset flights-june)', async () => {
      if (!loop.job?.candidate || loop.job.status === 'promoted') return null;
      // The loop's gate scores both models on the candidate's own test split, which is mostly Jan–Apr rows the champion trained on.
      const p = await promote(s.home, { ref: `flights:${loop.job.candidate}`, dataset: sets.june.ref, message: 'gate on June, unseen by both' });
      const m = p.primary_metric;
      s.say(`on ${p.dataset.rows.toLocaleString('en-US')} June rows: ${m} candidate ${p.scores.candidate[m].toFixed(4)} vs champion ${p.scores.champion?.[m].toFixed(4)}; ${p.gates.map((g) => `${g.passed ? 'pass' : 'FAIL'} ${g.gate}`).join(', ')} → ${p.moved ? `flights@production → ${loop.job.candidate}` : 'refused'}`);
      return { passed: p.passed, moved: p.moved, metric: m, candidate: round(p.scores.candidate[m], 4), champion: round(p.scores.champion?.[m] ?? Number.NaN, 4) };
    });
    const gate = loop.job?.history.find((h) => h.step === 'gate')?.detail as { passed: boolean; primary_metric: string; scores: { candidate: Record<string, number>; champion: Record<string, number> } } | undefined;
    const retrained = loop.job?.history.find((h) => h.step === 'retrained')?.detail as { metrics: Record<string, number> } | undefined;
    const verdict = loop.job?.history.find((h) => h.step === 'promote' || h.step === 'canary verdict')?.detail as Record<string, unknown> | undefined;
    const result = {
      rows: source.rows,
      split: { train: sets.train.rows, may: sets.may.rows, june: sets.june.rows },
      model: { algo: trained.algo, fit_seconds: round(trained.train_seconds, 1), may: pick(trained.metrics.test) },
      batch: { rows: scored.rows, seconds: round(scored.seconds, 1), rows_per_s: Math.round(scored.rows / scored.seconds) },
      load,
      drift: { drifted: drift.columns.filter((c) => c.drift).map((c) => c.name), drift_share: drift.drift_share },
      monitoring: loop.run.windows.map((w) => ({ rows: w.rows, drift_share: w.drift_share, accuracy: w.realized.accuracy === undefined ? null : round(w.realized.accuracy), alerts: w.alerts.fired })),
      retrain: loop.job
        ? {
            trigger: loop.job.trigger,
            status: loop.job.status,
            steps: loop.job.history.map((h) => h.step),
            candidate_test: retrained ? pick(retrained.metrics) : null,
            gate: gate ? { passed: gate.passed, metric: gate.primary_metric, candidate: round(gate.scores.candidate[gate.primary_metric], 4), champion: round(gate.scores.champion[gate.primary_metric], 4) } : null,
            verdict: verdict ?? null,
          }
        : null,
      gate_on_june: fairGate,
      peak_rss_mib_after: rss,
      reports: { drift: s.file('drift-june.html'), monitor: s.file('monitor.html') },
    };
    printResult(s, result);
    return result;
  } finally {
    await s.close();
  }
}

function pick(m: Record<string, number>): Record<string, number> {
  return { roc_auc: round(m.roc_auc, 4), average_precision: round(m.average_precision, 4), log_loss: round(m.log_loss, 4), accuracy: round(m.accuracy, 4) };
}

if (isMain(import.meta.url)) await runAsScript(runFlights);
