import type { Frame } from '../../core/index.js';
import { LatheError } from '../../errors.js';

/**
 * Rows per block. The kernels take partial sums block by block and they are
 * reduced in block order, so a fit gives the same bits however the blocks
 * are scheduled (one thread or many).
 */
export const BLOCK_ROWS = 16384;

/** A dense row-major matrix: row i is `data[i*dims .. (i+1)*dims)`. */
export interface Points {
  readonly data: Float64Array;
  readonly rows: number;
  readonly dims: number;
  /** The mean over columns of each column's (unweighted) variance: scikit-learn scales `tol` by it. */
  readonly meanVariance: number;
}

/**
 * The feature columns as Float64Arrays, refusing categorical and text
 * columns by name: k-means measures Euclidean distance, which codes do not have.
 */
export function numericColumns(kind: string, frame: Frame, features: readonly string[]): Float64Array[] {
  return features.map((name) => {
    const col = frame.column(name);
    if ('codes' in col) {
      throw new LatheError('BAD_INPUT', `${kind}: column "${name}" is ${col.type}; ${kind} takes numeric features only`, {
        hint: `one-hot encode "${name}" in the pipeline, or drop it`,
      });
    }
    return col.values;
  });
}

/** The plain (unweighted) mean of each column, as scikit-learn centres X before k-means. */
export function columnMeans(cols: readonly Float64Array[], rows: number): Float64Array {
  const mean = new Float64Array(cols.length);
  for (let j = 0; j < cols.length; j++) {
    const v = cols[j];
    let s = 0;
    for (let i = 0; i < rows; i++) s += v[i];
    mean[j] = rows > 0 ? s / rows : 0;
  }
  return mean;
}

/**
 * Copies the columns into one row-major Float64Array, minus `mean` (centred
 * data keeps the ||c||² − 2x·c distance form accurate), and takes the
 * columns' variance on the way. NaN or ±∞ is BAD_INPUT naming the column.
 * With `shared`, the array lives in a SharedArrayBuffer so worker threads
 * read it without a copy.
 */
export function toPoints(kind: string, names: readonly string[], cols: readonly Float64Array[], rows: number, mean: Float64Array, shared = false): Points {
  const d = cols.length;
  const bytes = rows * d * 8;
  const data = new Float64Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  let squares = 0;
  // Transposing block by block keeps the strided writes within cache.
  for (let start = 0; start < rows; start += BLOCK_ROWS) {
    const end = Math.min(rows, start + BLOCK_ROWS);
    for (let j = 0; j < d; j++) {
      const v = cols[j];
      const m = mean[j];
      for (let i = start; i < end; i++) {
        const x = v[i];
        // x - x is NaN exactly for NaN and ±∞: one test for both.
        if (x - x !== 0) throw badValue(kind, names[j], i, x);
        const c = x - m;
        squares += c * c;
        data[i * d + j] = c;
      }
    }
  }
  // Σ over columns of Σ(x − mean)² / rows, averaged over columns: np.var(X, axis=0).mean().
  return { data, rows, dims: d, meanVariance: rows > 0 && d > 0 ? squares / rows / d : 0 };
}

/**
 * The row weights: the given ones checked (length, finite, ≥ 0, some > 0)
 * or all ones. Always materialised so the kernels have one code path.
 */
export function sampleWeights(kind: string, rows: number, given: Float64Array | undefined, shared = false): Float64Array {
  const w = new Float64Array(shared ? new SharedArrayBuffer(rows * 8) : new ArrayBuffer(rows * 8));
  if (given === undefined) return w.fill(1);
  if (given.length !== rows) {
    throw new LatheError('BAD_INPUT', `${kind}: sampleWeight has ${given.length} values for ${rows} rows`, { hint: 'give one weight per training row' });
  }
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const v = given[i];
    if (!(v >= 0) || v === Infinity) {
      throw new LatheError('BAD_INPUT', `${kind}: sampleWeight[${i}] = ${v} is not a finite weight ≥ 0`, { hint: 'weights must be finite and non-negative' });
    }
    total += v;
    w[i] = v;
  }
  if (!(total > 0)) throw new LatheError('BAD_INPUT', `${kind}: every sample weight is 0`, { hint: 'give some rows a positive weight' });
  return w;
}

function badValue(kind: string, name: string, row: number, x: number): LatheError {
  const what = Number.isNaN(x) ? 'missing values' : 'infinite values';
  return new LatheError('BAD_INPUT', `${kind}: column "${name}" has ${what} (first at row ${row})`, {
    hint: `impute "${name}" in the pipeline or drop those rows; ${kind} needs every feature value`,
  });
}
