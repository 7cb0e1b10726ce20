/**
 * Summation and averaging with NumPy's exact arithmetic, so our metrics agree
 * with scikit-learn's to the last bits instead of drifting by rounding.
 * NumPy reduces float64 arrays with a blocked pairwise sum; `np.mean` divides
 * that sum by n and `np.average(a, weights=w)` divides `sum(a * w)` by `sum(w)`.
 */

/** Block size below which NumPy stops splitting (PW_BLOCKSIZE in numpy's loops). */
const BLOCK = 128;

/**
 * Sums `values[start .. start + n)` exactly as NumPy's `np.add.reduce` does
 * for a contiguous float64 array: plain loop under 8 items, eight interleaved
 * accumulators up to 128, and recursive halving (on multiples of 8) above.
 *
 * @example
 * ```ts
 * pairwiseSum(new Float64Array([0.1, 0.2, 0.3])); // same bits as np.sum
 * ```
 */
export function pairwiseSum(values: ArrayLike<number>, start = 0, n = values.length - start): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += values[start + i];
    return res;
  }
  if (n <= BLOCK) {
    let r0 = values[start], r1 = values[start + 1], r2 = values[start + 2], r3 = values[start + 3];
    let r4 = values[start + 4], r5 = values[start + 5], r6 = values[start + 6], r7 = values[start + 7];
    const end = n - (n % 8);
    let i = 8;
    for (; i < end; i += 8) {
      const p = start + i;
      r0 += values[p]; r1 += values[p + 1]; r2 += values[p + 2]; r3 += values[p + 3];
      r4 += values[p + 4]; r5 += values[p + 5]; r6 += values[p + 6]; r7 += values[p + 7];
    }
    let res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < n; i++) res += values[start + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(values, start, n2) + pairwiseSum(values, start + n2, n - n2);
}

/**
 * `np.average(values, weights=weights)`: the plain mean without weights,
 * otherwise `sum(values * weights) / sum(weights)`.
 * The caller guarantees a non-empty input and weights that sum to more than 0.
 */
export function average(values: Float64Array, weights?: Float64Array): number {
  if (!weights) return pairwiseSum(values) / values.length;
  const prod = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) prod[i] = values[i] * weights[i];
  return pairwiseSum(prod) / pairwiseSum(weights);
}
