import { PSI_FLOOR } from './divergences.js';
import { chiSquareSf } from './special/gamma.js';

/** The result of {@link chiSquareGoodnessOfFit}. */
export interface ChiSquareResult {
  statistic: number;
  pValue: number;
  /** Degrees of freedom: categories − 1. */
  df: number;
}

/**
 * Chi-square goodness of fit of observed counts against expected
 * proportions, as `scipy.stats.chisquare(f_obs, f_exp)` with
 * f_exp = proportions · Σ f_obs: statistic Σ (o − e)²/e, p-value
 * `chi2.sf(statistic, k − 1)`.
 *
 * A category the reference never saw has expected proportion 0, which makes
 * the statistic infinite; its proportion is raised to 0.0001 (as in PSI) and
 * the proportions renormalized, so the p-value is tiny but the statistic
 * stays a finite number. With a single category there is nothing to test:
 * the statistic is 0 and the p-value 1.
 *
 * @example
 * ```ts
 * chiSquareGoodnessOfFit([10, 20, 30], [1, 1, 1]); // { statistic: 10, pValue: e^-5, df: 2 }
 * ```
 */
export function chiSquareGoodnessOfFit(observed: ArrayLike<number>, expectedWeights: ArrayLike<number>): ChiSquareResult {
  const k = observed.length;
  if (expectedWeights.length !== k) throw new RangeError('observed and expected need the same number of categories');
  let nObs = 0;
  let wTotal = 0;
  for (let i = 0; i < k; i++) {
    nObs += observed[i];
    wTotal += expectedWeights[i];
  }
  if (!(nObs > 0) || !(wTotal > 0)) throw new RangeError('chi-square needs positive observed and expected totals');
  if (k < 2) return { statistic: 0, pValue: 1, df: 0 };
  const p = new Float64Array(k);
  let pTotal = 0;
  for (let i = 0; i < k; i++) {
    p[i] = expectedWeights[i] > 0 ? expectedWeights[i] / wTotal : PSI_FLOOR;
    pTotal += p[i];
  }
  let stat = 0;
  for (let i = 0; i < k; i++) {
    const e = (p[i] / pTotal) * nObs;
    const d = observed[i] - e;
    stat += (d * d) / e;
  }
  return { statistic: stat, pValue: chiSquareSf(stat, k - 1), df: k - 1 };
}
