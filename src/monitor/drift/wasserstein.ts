/**
 * The first Wasserstein (earth mover's) distance between the empirical
 * distributions of two **sorted** samples without missing values, as
 * `scipy.stats.wasserstein_distance(u, v)`: ∫ |F_u(x) − F_v(x)| dx, summed
 * exactly over the gaps between consecutive values of the merged samples.
 *
 * @example
 * ```ts
 * wassersteinDistance(Float64Array.of(0, 1, 3), Float64Array.of(5, 6, 8)); // 5
 * ```
 */
export function wassersteinDistance(u: Float64Array, v: Float64Array): number {
  const n1 = u.length;
  const n2 = v.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('wassersteinDistance needs two non-empty samples');
  let i = 0;
  let j = 0;
  let sum = 0;
  let prev = Math.min(u[0], v[0]);
  while (i < n1 || j < n2) {
    const x = j >= n2 || (i < n1 && u[i] <= v[j]) ? u[i] : v[j];
    // Both CDFs are constant on [prev, x): they count the values already passed.
    sum += Math.abs(i / n1 - j / n2) * (x - prev);
    while (i < n1 && u[i] <= x) i++;
    while (j < n2 && v[j] <= x) j++;
    prev = x;
  }
  return sum;
}
