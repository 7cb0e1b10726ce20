/**
 * Distances between two distributions over the same bins, given as counts or
 * proportions. Each normalizes its inputs to sum to one first.
 */

/** Proportions below this are raised to it before PSI takes logs. */
export const PSI_FLOOR = 0.0001;

/**
 * Population stability index Σ (cur_i − ref_i) · ln(cur_i / ref_i) over
 * proportions, with every zero proportion replaced by 0.0001 so an empty bin
 * on either side gives a large but finite value.
 *
 * @example
 * ```ts
 * psi([50, 50], [25, 75]); // 0.25·ln 3 ≈ 0.2747
 * ```
 */
export function psi(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  const r = proportions(reference);
  const c = proportions(current);
  let sum = 0;
  for (let i = 0; i < r.length; i++) {
    const ri = r[i] === 0 ? PSI_FLOOR : r[i];
    const ci = c[i] === 0 ? PSI_FLOOR : c[i];
    sum += (ci - ri) * Math.log(ci / ri);
  }
  return sum;
}

/**
 * Jensen–Shannon distance with the natural log, as
 * `scipy.spatial.distance.jensenshannon(p, q)`: √((KL(p‖m) + KL(q‖m)) / 2)
 * with m = (p + q)/2. It lies in [0, √ln 2 ≈ 0.8326].
 *
 * @example
 * ```ts
 * jensenShannon([1, 0], [0, 1]); // √ln 2
 * ```
 */
export function jensenShannon(p: ArrayLike<number>, q: ArrayLike<number>): number {
  const a = proportions(p);
  const b = proportions(q);
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const m = (a[i] + b[i]) / 2;
    if (a[i] > 0) sum += a[i] * Math.log(a[i] / m);
    if (b[i] > 0) sum += b[i] * Math.log(b[i] / m);
  }
  // Rounding can leave a tiny negative sum for identical inputs.
  return Math.sqrt(Math.max(0, sum / 2));
}

/**
 * Hellinger distance (1/√2)·‖√p − √q‖₂, in [0, 1]: 0 for identical
 * distributions, 1 for disjoint ones.
 *
 * @example
 * ```ts
 * hellinger([1, 0], [0, 1]); // 1
 * ```
 */
export function hellinger(p: ArrayLike<number>, q: ArrayLike<number>): number {
  const a = proportions(p);
  const b = proportions(q);
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.sqrt(a[i]) - Math.sqrt(b[i]);
    sum += d * d;
  }
  return Math.sqrt(sum / 2);
}

/** Counts or weights scaled to sum to one; all-zero input is an error. */
export function proportions(counts: ArrayLike<number>): Float64Array {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  if (!(total > 0)) throw new RangeError('a distribution needs a positive total');
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) out[i] = counts[i] / total;
  return out;
}
