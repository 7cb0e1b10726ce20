/**
 * Search benchmark (issue 5): the speed-up of parallel trials on worker
 * threads against serial trials, for the same 20-trial random search run
 * twice in the same process (same seed, so the same 20 configurations).
 *
 * Data: the flights-3m task — rows of flights-3m.parquet whose 0-based file
 * row number is divisible by `--every` (default 50: 60,000 rows); raw
 * columns month, day of week and hour of `date` and distance as numbers,
 * origin as a categorical (the auto pipeline one-hots its top 20), target
 * `delayed = delay > 15` as a yes/no categorical. Rows whose row number /
 * every is divisible by 5 are the inner-validation part, the rest inner-train.
 * Algorithm: `--algo` (default gbdt when it is registered, else logistic),
 * its built-in space, metric roc_auc. The search includes the default
 * configuration as trial 0, as `lathe train` does.
 *
 * Run: node --import tsx bench/train/search.bench.ts [--algo=logistic] [--every=50] [--trials=20] [--reps=1]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBEngine, quoteLiteral, readFrame } from '../../src/engine/index.js';
import { estimatorKinds } from '../../src/estimators/index.js';
import { Home } from '../../src/store/index.js';
import { RunTracker } from '../../src/tracking/index.js';
import { type SearchResult, runSearch } from '../../src/train/search/index.js';
import type { Frame } from '../../src/core/index.js';
import { WorkerRunner } from '../../src/train/search/trial-runner.js';

const here = dirname(fileURLToPath(import.meta.url));
const PARQUET = join(here, '..', '..', 'node_modules', 'vega-datasets', 'data', 'flights-3m.parquet');
const arg = (name: string, dflt: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;
const every = Number(arg('every', '50'));
const trials = Number(arg('trials', '20'));
const reps = Number(arg('reps', '1'));
const algo = arg('algo', estimatorKinds().includes('gbdt') ? 'gbdt' : 'logistic');

async function loadTask(): Promise<{ train: Frame; valid: Frame }> {
  const engine = await DuckDBEngine.open();
  try {
    const sql = (valid: boolean) => `(SELECT
      CAST(month(date) AS DOUBLE) AS month, CAST(dayofweek(date) AS DOUBLE) AS dow,
      CAST(hour(date) AS DOUBLE) AS hour, CAST(distance AS DOUBLE) AS distance,
      origin, CASE WHEN delay > 15 THEN 'yes' ELSE 'no' END AS delayed
    FROM read_parquet(${quoteLiteral(PARQUET)}, file_row_number = true)
    WHERE file_row_number % ${every} = 0 AND (file_row_number / ${every}) % 5 ${valid ? '=' : '<>'} 0
    ORDER BY file_row_number)`;
    const specs = [{ name: 'month' }, { name: 'dow' }, { name: 'hour' }, { name: 'distance' }, { name: 'origin', type: 'categorical' as const }, { name: 'delayed', type: 'categorical' as const }];
    return { train: await readFrame(engine, sql(false), specs), valid: await readFrame(engine, sql(true), specs) };
  } finally {
    engine.close();
  }
}

interface Timed {
  seconds: number;
  /** CPU seconds of every thread of the process over wall seconds: the cores the search actually got. */
  cores: number;
  result: SearchResult;
}

async function timedSearch(home: Home, task: { train: Frame; valid: Frame }, parallel: number): Promise<Timed> {
  const parent = await RunTracker.start(home, { kind: 'search', experiment: 'bench' });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await runSearch({
    home, parentRunId: parent.id, experiment: 'bench', ...task, target: 'delayed', task: 'binary',
    algos: [algo], metric: 'roc_auc', trials, seconds: 0, seed: 0, strategy: 'random', parallel,
  });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await parent.finish();
  return { seconds, cores: (cpu.user + cpu.system) / 1e6 / seconds, result };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const task = await loadTask();
const dir = mkdtempSync(join(tmpdir(), 'lathe-bench-search-'));
const home = await Home.open({ dir });
const cores = availableParallelism();
const loadStart = loadavg();
// Alternating serial and parallel runs spreads a shared machine's changing load over both.
const serialRuns: Timed[] = [];
const parallelRuns: Timed[] = [];
for (let r = 0; r < reps; r++) {
  serialRuns.push(await timedSearch(home, task, 1));
  parallelRuns.push(await timedSearch(home, task, cores));
}
// Starting the threads (tsx and Lathe's modules loaded in each) is a fixed cost inside the parallel time; shown apart.
const t0 = performance.now();
await (await WorkerRunner.open({ ...task, target: 'delayed', task: 'binary', order: new Int32Array(task.train.rows) }, cores)).close();
const startup = (performance.now() - t0) / 1000;
const loadEnd = loadavg();
await home.close();
rmSync(dir, { recursive: true, force: true });

const s = serialRuns[reps - 1].result;
const p = parallelRuns[reps - 1].result;
const serial = serialRuns.map((t) => t.seconds);
const parallel = parallelRuns.map((t) => t.seconds);
const trialMean = (r: SearchResult) => r.trials.reduce((a, t) => a + t.seconds, 0) / r.trials.length;
const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
console.log(`machine: ${cpus().length} × ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${new Date().toISOString()}`);
console.log(`load average (1/5/15 min): ${load(loadStart)} at start, ${load(loadEnd)} at end${loadStart[0] > 0.5 ? ' — the machine was shared with other work' : ''}`);
console.log(`data: flights-3m rows with row number % ${every} = 0: ${task.train.rows} inner-train, ${task.valid.rows} inner-validation rows`);
console.log(`search: ${algo}, random, ${trials} trials, seed 0, metric roc_auc; ${reps} rep(s), median shown\n`);
console.log('| trials run | wall seconds | speed-up | mean seconds per trial | cores obtained (CPU s / wall s) |');
console.log('|---|---:|---:|---:|---:|');
console.log(`| serial (1 thread) | ${median(serial).toFixed(2)} | 1.00× | ${median(serialRuns.map((t) => trialMean(t.result))).toFixed(2)} | ${median(serialRuns.map((t) => t.cores)).toFixed(2)} |`);
console.log(`| parallel (${cores} worker threads) | ${median(parallel).toFixed(2)} | ${(median(serial) / median(parallel)).toFixed(2)}× | ${median(parallelRuns.map((t) => trialMean(t.result))).toFixed(2)} | ${median(parallelRuns.map((t) => t.cores)).toFixed(2)} |`);
console.log(`all runs, serial: ${serial.map((x) => x.toFixed(2)).join(', ')} s; parallel: ${parallel.map((x) => x.toFixed(2)).join(', ')} s`);
const same = JSON.stringify(s.best.params) === JSON.stringify(p.best.params) && s.best.score === p.best.score;
console.log(`\nstarting ${cores} worker threads alone: ${startup.toFixed(2)} s (included in the parallel time)`);
console.log(`best: ${JSON.stringify(s.best.params)} roc_auc ${s.best.score.toFixed(5)}; parallel found the same best: ${same}`);
console.log(`failed trials: ${s.trials.filter((t) => t.status === 'FAILED').length} serial, ${p.trials.filter((t) => t.status === 'FAILED').length} parallel${p.warnings.length ? `; warnings: ${p.warnings.join('; ')}` : ''}`);
