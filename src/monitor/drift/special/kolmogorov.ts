import { durbinMatrixCdf } from './durbin-matrix.js';
import { pelzGoodCdf } from './pelz-good.js';
import { pomeranzCdf } from './pomeranz.js';
import { smirnovSf } from './smirnov.js';

const LOG_2PI = Math.log(2 * Math.PI);
const STIRLING = [
  -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
  -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
];

/**
 * The survival function Pr(Dₙ > x) of the two-sided one-sample
 * Kolmogorov–Smirnov statistic for sample size n, as `scipy.stats.kstwo.sf`
 * (scipy's `_kolmogn`). The method depends on n and nx², following Simard and
 * L'Ecuyer (2011) exactly as scipy does, so the p-values agree with scipy's:
 * Ruben–Gambino closed forms at the ends, twice the one-sided Smirnov tail
 * where that is exact or tight, Durbin's matrix or Pomeranz's recursion for
 * small n, and the Pelz–Good expansion for large n.
 *
 * @example
 * ```ts
 * kolmogorovSf(100, 0.1); // ≈ 0.2496…
 * ```
 */
export function kolmogorovSf(n: number, x: number): number {
  if (!Number.isInteger(n) || n <= 0 || Number.isNaN(x)) return Number.NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    return clip(1 - rubenGambinoCdf(n, t));
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  if (x >= 0.5) return clip(2 * smirnovSf(n, x));
  const nx2 = t * x;
  if (n <= 140) {
    if (nx2 <= 0.754693) return clip(1 - durbinMatrixCdf(n, x));
    if (nx2 <= 4) return clip(1 - pomeranzCdf(n, x));
    return clip(2 * smirnovSf(n, x));
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip(2 * smirnovSf(n, x));
  if (nx2 >= 18) return 0;
  const cdf = n <= 100000 && n * x ** 1.5 <= 1.4 ? durbinMatrixCdf(n, x) : pelzGoodCdf(n, x);
  return clip(1 - cdf);
}

/** Pr(Dₙ ≤ x) for 1/2n < x ≤ 1/n, where t = nx: n!/nⁿ (2t − 1)ⁿ. */
function rubenGambinoCdf(n: number, t: number): number {
  if (n <= 140) {
    let p = 1;
    for (let i = 1; i <= n; i++) p *= i * (1 / n) * (2 * t - 1);
    return p;
  }
  return Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
}

/** log(n!/nⁿ) by Stirling's series, as scipy computes it. */
function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  let poly = 0;
  for (const c of STIRLING) poly = poly * (rn / n) + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

function clip(p: number): number {
  return Math.min(1, Math.max(0, p));
}
