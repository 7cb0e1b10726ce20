/**
 * Input checks shared by the metrics. Wrong shapes, class indices out of
 * range and non-finite numbers are caller bugs or bad data that no metric can
 * score, so they throw `BAD_INPUT` instead of returning a quiet NaN.
 */
import { LatheError } from '../../errors.js';

/** A metric value plus the warnings scikit-learn would have raised computing it. */
export interface Scored {
  value: number;
  warnings: string[];
}

function bad(message: string, hint: string): never {
  throw new LatheError('BAD_INPUT', message, { hint });
}

/** Throws unless `arr` has exactly `n` entries. */
export function checkLength(name: string, arr: ArrayLike<number>, n: number): void {
  if (arr.length !== n) bad(`${name} has ${arr.length} entries, expected ${n}`, 'pass one value per row');
}

/** Throws unless there is at least one row. */
export function checkNonEmpty(n: number): void {
  if (n === 0) bad('no rows to evaluate', 'pass at least one row');
}

/** Throws unless every value is finite. */
export function checkFinite(name: string, arr: ArrayLike<number>): void {
  for (let i = 0; i < arr.length; i++) {
    if (!Number.isFinite(arr[i])) bad(`${name}[${i}] is ${arr[i]}`, `${name} must be finite numbers`);
  }
}

/** Throws unless `k` is an integer of at least `min` classes. */
export function checkClassCount(k: number, min: number): void {
  if (!Number.isInteger(k) || k < min) bad(`k = ${k} classes`, `k must be an integer ≥ ${min}`);
}

/** Throws unless every entry is a class index in [0, k). */
export function checkClassIndices(name: string, y: Int32Array, k: number): void {
  for (let i = 0; i < y.length; i++) {
    if (y[i] < 0 || y[i] >= k) bad(`${name}[${i}] = ${y[i]} is not a class index`, `class indices must lie in [0, ${k})`);
  }
}

/**
 * Throws unless the weights are one finite, non-negative number per row with
 * a positive total. scikit-learn accepts negative weights in metrics, but a
 * negative weight has no meaning for a score and a zero total cannot be
 * normalised (NumPy raises ZeroDivisionError there).
 */
export function checkWeights(w: Float64Array | undefined, n: number): void {
  if (!w) return;
  checkLength('sampleWeight', w, n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(w[i]) || w[i] < 0) bad(`sampleWeight[${i}] is ${w[i]}`, 'weights must be finite and ≥ 0');
    total += w[i];
  }
  if (!(total > 0)) bad('sample weights sum to 0', 'give at least one row a positive weight');
}

/** Throws unless `proba` is n × k row-major with every entry in [0, 1]. */
export function checkProba(proba: Float64Array, n: number, k: number): void {
  if (proba.length !== n * k) bad(`proba has ${proba.length} entries, expected ${n} × ${k}`, 'pass n × k probabilities, row-major');
  for (let i = 0; i < proba.length; i++) {
    const p = proba[i];
    // NaN fails both comparisons, so it is caught here as well.
    if (!(p >= 0 && p <= 1)) bad(`proba[${i}] is ${p}`, 'probabilities must lie in [0, 1]');
  }
}

/** Column `c` of an n × k row-major matrix. */
export function column(matrix: Float64Array, k: number, c: number): Float64Array {
  const n = matrix.length / k;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = matrix[i * k + c];
  return out;
}

/** 1 where `y[i] === c`, else 0: the one-vs-rest target of class `c`. */
export function indicator(y: Int32Array, c: number): Int32Array {
  const out = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = y[i] === c ? 1 : 0;
  return out;
}

/**
 * The predicted class of each row: the first column holding the row's
 * maximum, as `np.argmax` breaks ties (a binary 0.5 / 0.5 row predicts 0).
 */
export function argmaxRows(proba: Float64Array, k: number): Int32Array {
  const n = proba.length / k;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (proba[i * k + c] > proba[i * k + best]) best = c;
    out[i] = best;
  }
  return out;
}
