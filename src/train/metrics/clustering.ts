/**
 * Inertia, centroids and cluster sizes for a labelled partition of rows.
 */
import { LatheError } from '../../errors.js';
import { checkClassIndices, checkFinite, checkNonEmpty, checkWeights } from './inputs.js';

function checkShape(X: Float64Array, d: number, n: number): void {
  if (!Number.isInteger(d) || d < 1 || X.length !== n * d) {
    throw new LatheError('BAD_INPUT', `X has ${X.length} entries, expected ${n} rows × ${d} features`, {
      hint: 'pass X row-major with one row per label',
    });
  }
}

/**
 * The (weighted) sum of squared Euclidean distances from each row to the
 * centre of its cluster, Σ wᵢ‖xᵢ − c_{lᵢ}‖², as scikit-learn's `KMeans.inertia_`.
 *
 * @param X n × d features, row-major.
 * @param labels cluster index of each row, in [0, centres.length / d).
 * @param centres K × d centres, row-major.
 *
 * @example
 * ```ts
 * inertia(new Float64Array([0, 2, 10]), 1, new Int32Array([0, 0, 1]), new Float64Array([1, 10])); // 2
 * ```
 */
export function inertia(X: Float64Array, d: number, labels: Int32Array, centres: Float64Array, sampleWeight?: Float64Array): number {
  const n = labels.length;
  checkNonEmpty(n);
  checkShape(X, d, n);
  checkFinite('X', X);
  checkFinite('centres', centres);
  if (centres.length === 0 || centres.length % d !== 0) {
    throw new LatheError('BAD_INPUT', `centres has ${centres.length} entries, not a multiple of ${d} features`, {
      hint: 'pass K × d centres, row-major',
    });
  }
  checkClassIndices('labels', labels, centres.length / d);
  checkWeights(sampleWeight, n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let f = 0; f < d; f++) {
      const t = X[i * d + f] - centres[labels[i] * d + f];
      s += t * t;
    }
    total += sampleWeight ? sampleWeight[i] * s : s;
  }
  return total;
}

/**
 * The (weighted) mean of each cluster's rows, K × d row-major. Used for
 * inertia when the model does not supply its centres. A cluster with no
 * weight gets a zero centre rather than NaN: no weighted row measures a
 * distance to it, and a NaN would leak into the inertia through 0 × NaN.
 */
export function centroids(X: Float64Array, d: number, labels: Int32Array, k: number, sampleWeight?: Float64Array): Float64Array {
  const n = labels.length;
  checkShape(X, d, n);
  checkClassIndices('labels', labels, k);
  checkWeights(sampleWeight, n);
  const sums = new Float64Array(k * d);
  const mass = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const w = sampleWeight ? sampleWeight[i] : 1;
    const c = labels[i];
    mass[c] += w;
    for (let f = 0; f < d; f++) sums[c * d + f] += w * X[i * d + f];
  }
  for (let c = 0; c < k; c++) for (let f = 0; f < d; f++) sums[c * d + f] = mass[c] > 0 ? sums[c * d + f] / mass[c] : 0;
  return sums;
}

/**
 * Rows per cluster: `sizes[c]` counts the rows labelled c, for c in [0, k).
 * `k` defaults to the largest label + 1, so empty clusters in between show as 0.
 *
 * @example
 * ```ts
 * clusterSizes(new Int32Array([0, 2, 2])); // Int32Array [1, 0, 2]
 * ```
 */
export function clusterSizes(labels: Int32Array, k?: number): Int32Array {
  let K = k ?? 0;
  if (k === undefined) for (const l of labels) K = Math.max(K, l + 1);
  checkClassIndices('labels', labels, K);
  const sizes = new Int32Array(K);
  for (const l of labels) sizes[l]++;
  return sizes;
}
