/**
 * gbdt and forest benchmark (issue 4) on flights-3m: Lathe's gbdt against
 * XGBoost hist and scikit-learn HistGradientBoostingClassifier, and Lathe's
 * forest against scikit-learn RandomForestClassifier on a stated subsample,
 * all in the same run on the same machine. Prints machine info and a
 * markdown table. Run: node --import tsx bench/train/gbdt.bench.ts
 * Flags: --no-peers (Lathe only), --no-forest, --forest-rows N (default 200000).
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Column } from '../../src/core/index.js';
import { GbdtEstimator } from '../../src/estimators/gbdt/gbdt.js';
import { exportNpy, loadFlights, rocAuc, type FlightsTask } from './gbdt-data.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const forestRows = Number(args[args.indexOf('--forest-rows') + 1] || 200_000);

/** One contender's numbers. */
interface Result {
  name: string;
  trainSeconds: number;
  auc: number;
  predictRowsPerS: number | null;
  note?: string;
}

const target = (y: Float64Array): Column => ({ name: 'delayed', type: 'numeric', values: y });

async function oursGbdt(task: FlightsTask): Promise<Result> {
  const est = new GbdtEstimator('binary', { iterations: 100, num_leaves: 31, learning_rate: 0.1, max_bins: 255, seed: 0 });
  const t0 = performance.now();
  await est.fit(task.train, target(task.yTrain));
  const trainSeconds = (performance.now() - t0) / 1000;
  let best = Infinity;
  let proba: Float64Array = new Float64Array(0);
  for (let r = 0; r < 3; r++) {
    const t1 = performance.now();
    proba = est.predictProba!(task.test);
    best = Math.min(best, (performance.now() - t1) / 1000);
  }
  const p1 = Float64Array.from({ length: task.test.rows }, (_, i) => proba[2 * i + 1]);
  return { name: 'Lathe gbdt', trainSeconds, auc: rocAuc(task.yTest, p1), predictRowsPerS: task.test.rows / best };
}

function peer(job: string, name: string, dir: string, extra: string[] = []): Result {
  const r = spawnSync('/usr/bin/python3', [join(here, 'gbdt_peer.py'), dir, job, ...extra], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return { name, trainSeconds: NaN, auc: NaN, predictRowsPerS: null, note: `failed: ${(r.stderr || String(r.error)).trim().split('\n').pop()}` };
  const j = JSON.parse(r.stdout.trim().split('\n').pop()!);
  if (j.missing) return { name, trainSeconds: NaN, auc: NaN, predictRowsPerS: null, note: `missing: ${j.missing}` };
  return { name: `${name} ${j.version}`, trainSeconds: j.train_seconds, auc: j.auc, predictRowsPerS: j.rows_per_s };
}

function table(rows: Result[], base: Result | undefined): string {
  const f = (v: number, d: number) => (Number.isFinite(v) ? v.toFixed(d) : '—');
  const lines = ['| contender | train s | train time vs it | test AUC | predict rows/s | note |', '|---|---:|---:|---:|---:|---|'];
  const ours = rows[0];
  for (const r of rows) {
    const ratio = r === ours || !base ? '' : `ours ${f(ours.trainSeconds / r.trainSeconds, 2)}×`;
    lines.push(`| ${r.name} | ${f(r.trainSeconds, 2)} | ${ratio} | ${f(r.auc, 4)} | ${r.predictRowsPerS ? Math.round(r.predictRowsPerS).toLocaleString('en-US') : '—'} | ${r.note ?? ''} |`);
  }
  return lines.join('\n');
}

const cpu = cpus();
console.log(`machine: ${cpu.length} × ${cpu[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${new Date().toISOString()}`);
const task = await loadFlights();
console.log(`data: ${task.train.rows} train / ${task.test.rows} test rows, loaded in ${task.seconds.toFixed(2)} s`);
const dir = exportNpy(task);
const results: Result[] = [await oursGbdt(task)];
if (!args.includes('--no-peers')) {
  results.push(peer('xgboost', 'XGBoost hist', dir), peer('sklearn-hgb', 'sklearn HistGB', dir));
}
console.log('\n### gbdt: 100 trees, 31 leaves, learning rate 0.1, 255 bins, all cores\n');
console.log(table(results, results[1]));
if (!args.includes('--no-forest')) {
  const { forestBench } = await import('./forest.bench.js');
  const forest = await forestBench(task, forestRows, args.includes('--no-peers') ? null : dir);
  console.log(`\n### forest: 100 trees, first ${forestRows.toLocaleString('en-US')} training rows, tested on all ${task.test.rows.toLocaleString('en-US')} test rows\n`);
  console.log(table(forest, forest[1]));
}
console.log(`\nload after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
