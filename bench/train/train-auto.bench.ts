/**
 * `lathe train --algo auto --search 20` on the flights task (issue 5), through
 * the real CLI, as a user runs it: wall time of the whole command (pipeline
 * fits, 20 trials across gbdt/forest/logistic on worker threads, the refit
 * and the test evaluation), from a dataset derived with `lathe derive`.
 *
 * Data: rows of flights-3m.parquet whose row number is divisible by `--every`
 * (default 15: 200,000 rows of the first 3M), columns month, day of week and
 * hour of `date`, distance, origin and destination, target `delayed`.
 * Run: node --import tsx bench/train/train-auto.bench.ts [--every=15] [--trials=20]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name: string, dflt: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const every = arg('every', 15);
const trials = arg('trials', 20);
const home = mkdtempSync(join(tmpdir(), 'lathe-auto-bench-'));

function lathe(args: string[]): { seconds: number; json: Record<string, unknown> } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'bin', 'lathe.js'), '--home', home, ...args, '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`lathe ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
  return { seconds, json: JSON.parse(r.stdout) };
}

try {
  console.log(`machine: ${cpus().length} × ${cpus()[0].model}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${new Date().toISOString()}`);
  lathe(['ingest', join(root, 'node_modules', 'vega-datasets', 'data', 'flights-3m.parquet'), '--name', 'flights']);
  const sql = `SELECT month(date) AS month, dayofweek(date) AS dow, hour(date) AS hour, distance, origin, destination,
    CASE WHEN delay > 15 THEN 'yes' ELSE 'no' END AS delayed
    FROM (SELECT *, row_number() OVER () - 1 AS rn FROM data) WHERE rn % ${every} = 0`;
  const d = lathe(['derive', 'flights', '--sql', sql, '--name', 'flights_task']);
  console.log(`data: ${String((d.json as { rows?: number }).rows)} rows (every ${every}th row of flights-3m)`);
  const t = lathe(['train', '--dataset', 'flights_task', '--target', 'delayed', '--algo', 'auto', '--search', String(trials)]);
  const j = t.json as { algo: string; params: Record<string, unknown>; train_seconds: number; metrics: { test: Record<string, number> }; search: { trials: number; seconds: number; best: { score: number } } };
  console.log(`\n| job | wall s | search s | trials | chosen | refit s | test roc_auc |\n|---|---:|---:|---:|---|---:|---:|`);
  console.log(`| lathe train --algo auto --search ${trials} | ${t.seconds.toFixed(1)} | ${j.search.seconds.toFixed(1)} | ${j.search.trials} | ${j.algo} | ${j.train_seconds.toFixed(2)} | ${j.metrics.test.roc_auc.toFixed(4)} |`);
  console.log(`\nbest params: ${JSON.stringify(j.params)}\nload after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  rmSync(home, { recursive: true, force: true });
}
