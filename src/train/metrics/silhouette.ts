/**
 * The silhouette coefficient, as scikit-learn 1.2's `silhouette_score(X,
 * labels)` with the Euclidean metric: exact up to a row limit, and on a
 * seeded random sample of rows above it.
 */
import { Rng } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import { checkFinite, checkNonEmpty } from './inputs.js';
import { pairwiseSum } from './pairwise-sum.js';

/** Options of {@link silhouetteScore}. */
export interface SilhouetteOptions {
  /** Above this many rows, score a random sample of this size; default 10 000. */
  maxRows?: number;
  /** Seed of the sample; default 0. */
  seed?: number;
  /**
   * Largest rows × clusters table of distance sums to hold in memory
   * (8 bytes a cell); default 2²⁴. Above it a slower pass that computes each
   * distance twice but needs one row of sums is used. Both give the same bits.
   */
  maxTableCells?: number;
}

/** The silhouette and how many rows it was computed on. */
export interface Silhouette {
  /** Mean silhouette in [−1, 1]; NaN when it is undefined (see warnings). */
  value: number;
  /** Rows scored: all of them up to `maxRows`, else the sample size. */
  sampleSize: number;
  warnings: string[];
}

/** Default row limit for the exact silhouette: the O(n²·d) cost stays around a second. */
export const SILHOUETTE_MAX_ROWS = 10_000;

/** Default cap on the rows × clusters table of the symmetric pass: 128 MiB. */
const MAX_CELLS = 1 << 24;

/**
 * Mean over rows of (b − a) / max(a, b), where a is the row's mean distance to
 * the other members of its cluster and b the smallest mean distance to the
 * members of another cluster. Rows alone in their cluster score 0, as do rows
 * with a = b = 0 (scikit-learn's `nan_to_num`).
 *
 * scikit-learn raises unless 2 ≤ clusters ≤ rows − 1; we return NaN with its
 * message as a warning. Distances are computed directly as √Σ(xᵢ − xⱼ)²,
 * which is at least as accurate as scikit-learn's ‖x‖² − 2x·y + ‖y‖² form;
 * the two agree to about 1e-12 on well-scaled data.
 *
 * @param X n × d features, row-major.
 * @param d number of features.
 * @param labels cluster of each row (any integers).
 *
 * @example
 * ```ts
 * const X = new Float64Array([0, 0, 0, 1, 5, 5, 5, 6]);
 * silhouetteScore(X, 2, new Int32Array([0, 0, 1, 1])).value; // ≈ 0.859
 * ```
 */
export function silhouetteScore(X: Float64Array, d: number, labels: Int32Array, options: SilhouetteOptions = {}): Silhouette {
  const maxRows = options.maxRows ?? SILHOUETTE_MAX_ROWS;
  const n = labels.length;
  checkNonEmpty(n);
  if (!Number.isInteger(d) || d < 1 || X.length !== n * d) {
    throw new LatheError('BAD_INPUT', `X has ${X.length} entries, expected ${n} rows × ${d} features`, {
      hint: 'pass X row-major with one row per label',
    });
  }
  if (!Number.isInteger(maxRows) || maxRows < 2) {
    throw new LatheError('BAD_INPUT', `maxRows = ${maxRows}`, { hint: 'maxRows must be an integer ≥ 2' });
  }
  checkFinite('X', X);
  const rows = n > maxRows ? sampleRows(n, maxRows, options.seed ?? 0) : null;
  const m = rows ? rows.length : n;
  const Xs = rows ? gatherRows(X, d, rows) : X;
  const { codes, freqs } = encode(rows ? Int32Array.from(rows, (i) => labels[i]) : labels);
  const K = freqs.length;
  if (!(K > 1 && K < m)) {
    return { value: NaN, sampleSize: m, warnings: [`Number of labels is ${K}. Valid values are 2 to n_samples - 1 (inclusive)`] };
  }
  const sil = new Float64Array(m);
  if (m * K <= (options.maxTableCells ?? MAX_CELLS)) symmetricPass(Xs, d, codes, freqs, sil);
  else rowPass(Xs, d, codes, freqs, sil);
  return { value: pairwiseSum(sil) / m, sampleSize: m, warnings: [] };
}

/** `size` distinct row indices drawn by a partial Fisher–Yates shuffle, then sorted for memory locality. */
function sampleRows(n: number, size: number, seed: number): Int32Array {
  const rng = new Rng(seed);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = 0; i < size; i++) {
    const j = i + rng.int(n - i);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  return perm.slice(0, size).sort();
}

function gatherRows(X: Float64Array, d: number, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length * d);
  rows.forEach((r, i) => out.set(X.subarray(r * d, (r + 1) * d), i * d));
  return out;
}

/** Labels → dense codes in sorted label order (LabelEncoder), with each code's count. */
function encode(labels: Int32Array): { codes: Int32Array; freqs: Int32Array } {
  const distinct = Array.from(new Set(labels)).sort((a, b) => a - b);
  const code = new Map(distinct.map((l, c) => [l, c]));
  const codes = Int32Array.from(labels, (l) => code.get(l)!);
  const freqs = new Int32Array(distinct.length);
  for (const c of codes) freqs[c]++;
  return { codes, freqs };
}

function distance(X: Float64Array, d: number, a: number, b: number): number {
  let s = 0;
  const oa = a * d;
  const ob = b * d;
  for (let f = 0; f < d; f++) {
    const t = X[oa + f] - X[ob + f];
    s += t * t;
  }
  return Math.sqrt(s);
}

/**
 * Each pair's distance computed once and added to both rows' per-cluster sums.
 * Row i still receives its terms in increasing j, the order scikit-learn's
 * `np.bincount` adds them, so this and {@link rowPass} give identical bits.
 */
function symmetricPass(X: Float64Array, d: number, codes: Int32Array, freqs: Int32Array, sil: Float64Array): void {
  const m = codes.length;
  const K = freqs.length;
  const sums = new Float64Array(m * K);
  for (let i = 0; i < m; i++) {
    const ci = codes[i];
    const oi = i * d;
    const rowI = i * K;
    for (let j = i + 1; j < m; j++) {
      // Inlined distance(): this loop runs n²/2 times and the call overhead was a third of the cost.
      const oj = j * d;
      let s = 0;
      for (let f = 0; f < d; f++) {
        const t = X[oi + f] - X[oj + f];
        s += t * t;
      }
      const dist = Math.sqrt(s);
      sums[rowI + codes[j]] += dist;
      sums[j * K + ci] += dist;
    }
    sil[i] = score(sums.subarray(rowI, rowI + K), ci, freqs);
  }
}

/** One row at a time with a K-sized buffer, for many clusters. */
function rowPass(X: Float64Array, d: number, codes: Int32Array, freqs: Int32Array, sil: Float64Array): void {
  const m = codes.length;
  const sums = new Float64Array(freqs.length);
  for (let i = 0; i < m; i++) {
    sums.fill(0);
    for (let j = 0; j < m; j++) if (j !== i) sums[codes[j]] += distance(X, d, i, j);
    sil[i] = score(sums, codes[i], freqs);
  }
}

/** (b − a) / max(a, b) from one row's per-cluster distance sums; NaN (a singleton, or 0/0) becomes 0. */
function score(sums: Float64Array, own: number, freqs: Int32Array): number {
  const a = sums[own] / (freqs[own] - 1);
  let b = Infinity;
  for (let c = 0; c < freqs.length; c++) if (c !== own) b = Math.min(b, sums[c] / freqs[c]);
  const s = (b - a) / Math.max(a, b);
  return Number.isNaN(s) ? 0 : s;
}
