/**
 * The flights-3m task of issue 4, shared by the gbdt and forest benchmarks:
 * the first 1.5M rows in file order, `delayed = delay > 15`, month /
 * day-of-week / hour of `date`, distance, origin and destination as
 * categoricals; rows whose 0-based file row number is divisible by 3 are test.
 * The prepared table is also written once as .npy files for the Python peer.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Frame, type Column } from '../../src/core/index.js';
import { DuckDBEngine, quoteLiteral, readFrame } from '../../src/engine/index.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The Parquet file of the task. */
export const PARQUET = join(here, '..', '..', 'node_modules', 'vega-datasets', 'data', 'flights-3m.parquet');
/** Where the .npy export for Python goes (bench/out is git-ignored). */
export const NPY_DIR = join(here, '..', 'out', 'flights-gbdt');
/** Feature columns in order; the last two are categorical. */
export const FEATURES = ['month', 'dow', 'hour', 'distance', 'origin', 'destination'] as const;

/** The split task: feature frames and 0/1 targets. */
export interface FlightsTask {
  train: Frame;
  test: Frame;
  yTrain: Float64Array;
  yTest: Float64Array;
  seconds: number;
}

const SQL = (limit: number) => `(SELECT
  CAST(month(date) AS DOUBLE) AS month,
  CAST(dayofweek(date) AS DOUBLE) AS dow,
  CAST(hour(date) AS DOUBLE) AS hour,
  CAST(distance AS DOUBLE) AS distance,
  origin, destination,
  CAST(delay > 15 AS DOUBLE) AS delayed,
  CAST(file_row_number % 3 = 0 AS DOUBLE) AS is_test
FROM read_parquet(${quoteLiteral(PARQUET)}, file_row_number = true)
WHERE file_row_number < ${limit}
ORDER BY file_row_number)`;

/** Loads the task through DuckDB and readFrame, and splits it by row number. */
export async function loadFlights(limit = 1_500_000): Promise<FlightsTask> {
  const t0 = performance.now();
  const engine = await DuckDBEngine.open();
  let all: Frame;
  try {
    all = await readFrame(engine, SQL(limit), [
      ...FEATURES.slice(0, 4).map((name) => ({ name })),
      { name: 'origin', type: 'categorical' as const },
      { name: 'destination', type: 'categorical' as const },
      { name: 'delayed' },
      { name: 'is_test' },
    ]);
  } finally {
    engine.close();
  }
  const isTest = (all.column('is_test') as { values: Float64Array }).values;
  const y = (all.column('delayed') as { values: Float64Array }).values;
  const testRows: number[] = [];
  const trainRows: number[] = [];
  for (let i = 0; i < all.rows; i++) (isTest[i] === 1 ? testRows : trainRows).push(i);
  const pick = (rows: number[]) => Frame.of(FEATURES.map((f) => take(all.column(f), rows)), rows.length);
  const gather = (rows: number[]) => Float64Array.from(rows, (r) => y[r]);
  return { train: pick(trainRows), test: pick(testRows), yTrain: gather(trainRows), yTest: gather(testRows), seconds: (performance.now() - t0) / 1000 };
}

function take(c: Column, rows: number[]): Column {
  if ('codes' in c) return { ...c, codes: Int32Array.from(rows, (r) => c.codes[r]) };
  return { ...c, values: Float64Array.from(rows, (r) => c.values[r]) };
}

/** Writes X (n × 6, categorical codes as floats) and y for train and test as .npy, once. */
export function exportNpy(task: FlightsTask): string {
  if (existsSync(join(NPY_DIR, 'y_test.npy'))) return NPY_DIR;
  mkdirSync(NPY_DIR, { recursive: true });
  for (const [name, frame, y] of [['train', task.train, task.yTrain], ['test', task.test, task.yTest]] as const) {
    const x = new Float64Array(frame.rows * FEATURES.length);
    FEATURES.forEach((f, j) => {
      const c = frame.column(f);
      for (let i = 0; i < frame.rows; i++) x[j * frame.rows + i] = 'codes' in c ? c.codes[i] : c.values[i];
    });
    writeNpy(join(NPY_DIR, `x_${name}.npy`), x, [frame.rows, FEATURES.length], true);
    writeNpy(join(NPY_DIR, `y_${name}.npy`), y, [y.length], false);
  }
  return NPY_DIR;
}

function writeNpy(path: string, data: Float64Array, shape: number[], fortran: boolean): void {
  const dict = `{'descr': '<f8', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  // The header is padded so the data starts on a 64-byte boundary, as NumPy writes it.
  const pad = 64 - ((10 + dict.length + 1) % 64);
  const header = dict + ' '.repeat(pad % 64) + '\n';
  const pre = Buffer.alloc(10);
  pre.write('\x93NUMPY', 0, 'latin1');
  pre[6] = 1;
  pre[7] = 0;
  pre.writeUInt16LE(header.length, 8);
  writeFileSync(path, Buffer.concat([pre, Buffer.from(header, 'latin1'), Buffer.from(data.buffer, data.byteOffset, data.byteLength)]));
}

/** Area under the ROC curve by ranks (ties get their average rank). */
export function rocAuc(y: Float64Array, score: Float64Array): number {
  const order = Int32Array.from({ length: y.length }, (_, i) => i).sort((a, b) => score[a] - score[b]);
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && score[order[j]] === score[order[i]]) j++;
    const avgRank = (i + 1 + j) / 2;
    for (let t = i; t < j; t++) {
      if (y[order[t]] === 1) {
        pos++;
        rankSum += avgRank;
      }
    }
    i = j;
  }
  const neg = y.length - pos;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}
