/**
 * Logistic-regression benchmark (issue 4, "also report"): Lathe's `logistic`
 * against scikit-learn 1.2's LogisticRegression on the flights-3m task, both
 * fitted in the same run on the same design matrix.
 *
 * Data: the first 1.5M rows of flights-3m.parquet (file order); a row is
 * test when its row number is divisible by 3 (500k rows). Training uses the
 * stated subsample of the other rows: row number mod 15 in {1, 2}, 200k rows
 * (`--full` trains on all 1M). Features, built once in DuckDB SQL: one-hot
 * month (12), day of week (7) and hour (24) of `date`, and `distance`
 * standardised with the training mean and sd: 44 numeric columns.
 * origin/destination are left out: ~300 airports each would make a 600-column
 * dense one-hot, which neither side needs to show solver speed.
 * Target `delayed = delay > 15`.
 *
 * The matrix is written once as .npy (column-major, bit-identical) for the
 * Python peer, which fits sklearn and scores every model's test
 * probabilities with sklearn's roc_auc_score, so AUC has one definition.
 * Run: node --import tsx bench/train/logistic.bench.ts [--full] [--reps=3]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Frame, NumericColumn } from '../../src/core/index.js';
import { DuckDBEngine, quoteLiteral, readFrame } from '../../src/engine/index.js';
import { LogisticRegression } from '../../src/estimators/logistic/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const parquet = join(here, '..', '..', 'node_modules', 'vega-datasets', 'data', 'flights-3m.parquet');
const out = join(tmpdir(), 'lathe-bench-logistic');
const full = process.argv.includes('--full');
const reps = Number(process.argv.find((a) => a.startsWith('--reps='))?.slice(7) ?? 3);

/** The SQL of the design matrix for the rows matching `where`. */
function designSql(where: string, mean: number, sd: number): string {
  const oneHot = (expr: string, name: string, values: number[]) => values.map((v) => `CAST(${expr} = ${v} AS DOUBLE) AS ${name}_${v}`);
  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
  const cols = [
    ...oneHot('month(date)', 'month', range(1, 12)),
    ...oneHot('dayofweek(date)', 'dow', range(0, 6)),
    ...oneHot('hour(date)', 'hour', range(0, 23)),
    `(CAST(distance AS DOUBLE) - ${mean}) / ${sd} AS distance_std`,
    'CAST(delay > 15 AS DOUBLE) AS delayed',
  ];
  return `(SELECT ${cols.join(', ')} FROM src WHERE ${where} ORDER BY file_row_number)`;
}

async function loadData(): Promise<{ train: Frame; test: Frame }> {
  const engine = await DuckDBEngine.open();
  await engine.run(`CREATE TEMP VIEW src AS SELECT * FROM read_parquet(${quoteLiteral(parquet)}, file_row_number = true) WHERE file_row_number < 1500000`);
  const trainWhere = full ? 'file_row_number % 3 <> 0' : 'file_row_number % 15 IN (1, 2)';
  const [{ mean, sd }] = await engine.rows<{ mean: number; sd: number }>(`SELECT avg(distance) AS mean, stddev_pop(distance) AS sd FROM src WHERE ${trainWhere}`);
  const train = await readFrame(engine, designSql(trainWhere, mean, sd));
  const test = await readFrame(engine, designSql('file_row_number % 3 = 0', mean, sd));
  engine.close();
  return { train, test };
}

/** Writes a Fortran-order float64 .npy straight from column arrays (numpy's format 1.0). */
function writeNpy(path: string, cols: Float64Array[]): void {
  const n = cols[0].length;
  const shape = cols.length === 1 ? `(${n},)` : `(${n}, ${cols.length})`;
  let header = `{'descr': '<f8', 'fortran_order': True, 'shape': ${shape}, }`;
  header += ' '.repeat(63 - ((header.length + 10) % 64)) + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head.writeUInt8(1, 6);
  head.writeUInt16LE(header.length, 8);
  writeFileSync(path, Buffer.concat([head, Buffer.from(header, 'latin1'), ...cols.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength))]));
}

interface Row { name: string; seconds: number; iterations: number; auc?: number; proba?: string }

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Fits Lathe `reps` times; keeps the median time and the last model's test probabilities. */
async function fitLathe(name: string, params: Record<string, string | number>, train: Frame, test: Frame): Promise<Row> {
  const features = train.drop(['delayed']);
  const times: number[] = [];
  let est = new LogisticRegression('binary', params);
  for (let r = 0; r < reps; r++) {
    est = new LogisticRegression('binary', params);
    const t0 = performance.now();
    await est.fit(features, train.column('delayed'));
    times.push((performance.now() - t0) / 1000);
  }
  const proba = est.predictProba(test.drop(['delayed']));
  const p1 = Float64Array.from({ length: test.rows }, (_, i) => proba[2 * i + 1]);
  const file = join(out, `proba-${name.replace(/\W+/g, '-')}.npy`);
  writeNpy(file, [p1]);
  return { name, seconds: median(times), iterations: est.coefficients().iterations, proba: file };
}

const t0 = performance.now();
const { train, test } = await loadData();
console.error(`loaded ${train.rows} train and ${test.rows} test rows × ${train.columns.length - 1} features in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
mkdirSync(out, { recursive: true });
const featureCols = (f: Frame) => f.columns.filter((c) => c.name !== 'delayed').map((c) => (c as NumericColumn).values);
writeNpy(join(out, 'X_train.npy'), featureCols(train));
writeNpy(join(out, 'y_train.npy'), [(train.column('delayed') as NumericColumn).values]);
writeNpy(join(out, 'X_test.npy'), featureCols(test));
writeNpy(join(out, 'y_test.npy'), [(test.column('delayed') as NumericColumn).values]);

const load = loadavg()[0];
const rows: Row[] = [
  await fitLathe('lathe lbfgs', { C: 1, max_iter: 100, tol: 1e-4 }, train, test),
  await fitLathe('lathe newton', { C: 1, max_iter: 100, tol: 1e-4, solver: 'newton' }, train, test),
];
const py = spawnSync('/usr/bin/python3', [join(here, 'logistic-peer.py'), out, String(reps), ...rows.map((r) => `${r.name}=${r.proba}`)], { encoding: 'utf8' });
let peer: { machine: string; rows: Row[]; auc: Record<string, number> } | null = null;
if (py.status === 0) peer = JSON.parse(py.stdout);
else console.error(`scikit-learn peer unavailable (${py.error?.message ?? py.stderr.trim().split('\n').pop()}): install python3-sklearn`);

const find = (name: string) => peer?.rows.find((r) => r.name === name);
const sk = find('sklearn lbfgs (dense X)');
console.log(`machine: ${cpus().length} × ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}${peer ? `, ${peer.machine}` : ''}, load avg ${load.toFixed(2)} at start, ${new Date().toISOString()}`);
console.log(`data: flights-3m first 1.5M rows; train ${train.rows} rows (${full ? 'all row numbers not divisible by 3' : 'row number mod 15 in {1,2}'}), test ${test.rows} rows (row number divisible by 3); ${train.columns.length - 1} features; C=1, max_iter=100, tol=1e-4; median of ${reps} fits\n`);
console.log('| model | fit seconds | vs sklearn lbfgs (dense X) | iterations | test AUC |');
console.log('|---|---:|---:|---:|---:|');
for (const r of [...rows, ...(peer?.rows ?? [])]) {
  const auc = peer?.auc[r.name] ?? r.auc;
  const ratio = sk ? `${(r.seconds / sk.seconds).toFixed(2)}×` : 'n/a';
  console.log(`| ${r.name} | ${r.seconds.toFixed(3)} | ${ratio} | ${r.iterations} | ${auc === undefined ? 'n/a' : auc.toFixed(5)} |`);
}
if (peer) {
  const pairs: [string, string][] = [['lathe lbfgs', 'sklearn lbfgs'], ['lathe newton', 'sklearn newton-cholesky']];
  const ratios = pairs.map(([ours, theirs]) => {
    const t = rows.find((r) => r.name === ours)!.seconds;
    return `${ours} / ${theirs}: ${(t / find(`${theirs} (dense X)`)!.seconds).toFixed(2)}× (dense X), ${(t / find(`${theirs} (CSR X)`)!.seconds).toFixed(2)}× (CSR X)`;
  });
  console.log(`\nratios: ${ratios.join('; ')}`);
}
