import type { FitOptions } from '../estimator.js';
import type { KMeansExecutor } from './executor.js';

/** The outcome of one k-means run from one seeding. */
export interface LloydResult {
  /** k × d, row-major, in the executor's (centred) coordinates. */
  centres: Float64Array;
  inertia: number;
  nIter: number;
}

/** What one run needs besides the data. */
export interface LloydOptions {
  k: number;
  maxIter: number;
  /** Absolute tolerance on Σ ||c_new − c_old||² (tol × mean feature variance). */
  tol: number;
  /** Σ w·||x||², to report the objective as inertia in `onIteration`. */
  weightedNorms: number;
  onIteration?: FitOptions['onIteration'];
  signal?: AbortSignal;
}

/**
 * Lloyd's algorithm as scikit-learn's `_kmeans_single_lloyd`: assign, move
 * each centre to its weighted mean, relocate empty clusters to the farthest
 * rows; stop when no label changed (strict convergence), when the centres
 * moved less than `tol`, or after `maxIter` iterations. Without strict
 * convergence the rows are labelled once more so labels match the centres.
 * Leaves the final labels in `ex.labels`.
 */
export async function lloyd(ex: KMeansExecutor, init: Float64Array, o: LloydOptions): Promise<LloydResult> {
  const { k } = o;
  const d = ex.points.dims;
  ex.labels.fill(-1);
  let centres = init;
  let strict = false;
  let iter = 0;
  while (iter < o.maxIter) {
    o.signal?.throwIfAborted();
    const part = await ex.assign(centres, k, true);
    iter++;
    const next = meanCentres(ex, part, centres, k, d);
    const shift = squaredShift(next, centres);
    o.onIteration?.({ iteration: iter, total: o.maxIter, trainLoss: part[k * d + k + 1] + o.weightedNorms });
    centres = next;
    if (part[k * d + k] === 0) {
      strict = true;
      break;
    }
    if (shift <= o.tol) break;
  }
  if (!strict) await ex.assign(centres, k, false);
  return { centres, inertia: await ex.inertia(centres, k), nIter: iter };
}

/** New centres: sums over weights, after moving rows into empty clusters. */
function meanCentres(ex: KMeansExecutor, part: Float64Array, old: Float64Array, k: number, d: number): Float64Array {
  const sums = part.subarray(0, k * d);
  const weights = part.subarray(k * d, k * d + k);
  relocateEmpty(ex, old, sums, weights, k, d);
  const next = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    // Only a cluster no positive-weight row can fill stays empty; it keeps its centre.
    if (weights[c] > 0) for (let j = 0; j < d; j++) next[c * d + j] = sums[c * d + j] / weights[c];
    else for (let j = 0; j < d; j++) next[c * d + j] = old[c * d + j];
  }
  return next;
}

/**
 * scikit-learn's `_relocate_empty_clusters_dense`: each empty cluster takes
 * one of the rows farthest from their current centre, which leaves its old
 * cluster (its label is not changed until the next assignment).
 */
function relocateEmpty(ex: KMeansExecutor, old: Float64Array, sums: Float64Array, weights: Float64Array, k: number, d: number): void {
  const empty: number[] = [];
  for (let c = 0; c < k; c++) if (weights[c] === 0) empty.push(c);
  if (empty.length === 0) return;
  const far = farthestRows(ex, old, empty.length);
  const X = ex.points.data;
  for (let e = 0; e < far.length; e++) {
    const row = far[e];
    const from = ex.labels[row];
    const to = empty[e];
    const wr = ex.weights[row];
    for (let j = 0; j < d; j++) {
      sums[from * d + j] -= X[row * d + j] * wr;
      sums[to * d + j] = X[row * d + j] * wr;
    }
    weights[to] = wr;
    weights[from] -= wr;
  }
}

/** Up to `m` rows of positive weight farthest from their centre, farthest first (ties: lower row). */
function farthestRows(ex: KMeansExecutor, centres: Float64Array, m: number): number[] {
  const { data: X, rows, dims: d } = ex.points;
  const top: { row: number; dist: number }[] = [];
  for (let i = 0; i < rows; i++) {
    if (!(ex.weights[i] > 0)) continue;
    const cb = ex.labels[i] * d;
    let s = 0;
    for (let j = 0; j < d; j++) {
      const t = X[i * d + j] - centres[cb + j];
      s += t * t;
    }
    if (top.length === m && s <= top[m - 1].dist) continue;
    let p = top.length;
    while (p > 0 && top[p - 1].dist < s) p--;
    top.splice(p, 0, { row: i, dist: s });
    if (top.length > m) top.pop();
  }
  return top.map((t) => t.row);
}

function squaredShift(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const t = a[i] - b[i];
    s += t * t;
  }
  return s;
}

/**
 * True when two labelings are the same partition up to a renaming, as
 * scikit-learn's `_is_same_clustering`: a better inertia with the same
 * partition is only rounding, and the first run is kept.
 */
export function sameClustering(a: Int32Array, b: Int32Array, k: number): boolean {
  const map = new Int32Array(k).fill(-1);
  for (let i = 0; i < a.length; i++) {
    if (map[a[i]] === -1) map[a[i]] = b[i];
    else if (map[a[i]] !== b[i]) return false;
  }
  return true;
}
