/**
 * Quantiles with NumPy's default `method='linear'` (Hyndman & Fan type 7),
 * and the residual quantiles reported for regression.
 */
import { checkFinite, checkLength, checkNonEmpty } from './inputs.js';

/** The residual percentiles reported for regression, keyed like the profile's quantiles. */
export interface ResidualQuantiles {
  p05: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

/**
 * The `q`-th percentiles (0–100) of `values`, as `np.percentile(values, q)`:
 * the sorted values at virtual index (n − 1)·q/100, linearly interpolated.
 * The interpolation uses NumPy's two-sided form (from the upper neighbour when
 * the fraction is ≥ 0.5) so that results match NumPy's bits.
 *
 * @example
 * ```ts
 * percentiles(new Float64Array([1, 2, 3, 4]), [25, 50]); // [1.75, 2.5]
 * ```
 */
export function percentiles(values: Float64Array, q: readonly number[]): number[] {
  checkNonEmpty(values.length);
  checkFinite('values', values);
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  return q.map((pct) => {
    const virtual = (n - 1) * (pct / 100);
    if (virtual >= n - 1) return sorted[n - 1];
    if (virtual < 0) return sorted[0];
    const lo = Math.floor(virtual);
    const t = virtual - lo;
    const a = sorted[lo];
    const b = sorted[lo + 1];
    const diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  });
}

/**
 * The 5th, 25th, 50th, 75th and 95th percentiles of the residuals
 * `yTrue − yPred` (positive means under-prediction), unweighted as
 * `np.percentile` is.
 */
export function residualQuantiles(yTrue: Float64Array, yPred: Float64Array): ResidualQuantiles {
  checkLength('yPred', yPred, yTrue.length);
  const residual = new Float64Array(yTrue.length);
  for (let i = 0; i < yTrue.length; i++) residual[i] = yTrue[i] - yPred[i];
  const [p05, p25, p50, p75, p95] = percentiles(residual, [5, 25, 50, 75, 95]);
  return { p05, p25, p50, p75, p95 };
}
