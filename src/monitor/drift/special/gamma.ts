/**
 * Log-gamma and the regularized incomplete gamma functions, written out here
 * because the chi-square p-value needs only these few lines and the npm
 * ports of them (Boost via @stdlib) pull in dozens of micro-packages. The
 * algorithms are Cephes' (`igam`, `igamc`), which is what scipy's
 * `chi2.sf` used for decades; values agree with scipy to about 1e-13.
 */

const LANCZOS_G = 7;
// Lanczos coefficients for g = 7, n = 9: about 15 significant digits over the real line.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.91893853320467274178;
const EPS = 1.1102230246251565e-16;
/** Below this, exp() underflows to zero. */
export const MIN_LOG = -708.3964185322641;
const BIG = 4503599627370496.0;
const BIG_INV = 2.22044604925031308085e-16;

/**
 * The natural log of |Γ(x)|. Lanczos for small arguments, Stirling's series
 * for large ones (where it is both faster and a little more accurate).
 *
 * @example
 * ```ts
 * logGamma(5); // ≈ Math.log(24)
 * ```
 */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  if (x >= 15) {
    const r = 1 / x;
    const r2 = r * r;
    // Stirling's series to the 1/x^9 term: the error at x = 15 is below 1e-17 relative.
    const series = r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 / 1188))));
    return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series;
  }
  const y = x - 1;
  let a = LANCZOS[0];
  const t = y + LANCZOS_G + 0.5;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i] / (y + i);
  return HALF_LOG_2PI + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * The regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a).
 *
 * @example
 * ```ts
 * gammaP(1, 1); // 1 - e^-1
 * ```
 */
export function gammaP(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0 || x < 0) return Number.NaN;
  if (x === 0) return 0;
  if (x > 1 && x > a) return 1 - gammaQ(a, x);
  return lowerSeries(a, x);
}

/**
 * The regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x),
 * computed directly (not as 1 − P) so small tail probabilities keep their
 * precision.
 *
 * @example
 * ```ts
 * gammaQ(1, 1); // e^-1
 * ```
 */
export function gammaQ(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0 || x < 0) return Number.NaN;
  if (x === 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  if (x < 1 || x < a) return 1 - lowerSeries(a, x);
  return upperFraction(a, x);
}

/** P(a, x) by its power series; converges fast for x < a + 1. */
function lowerSeries(a: number, x: number): number {
  const logPrefix = a * Math.log(x) - x - logGamma(a);
  if (logPrefix < MIN_LOG) return 0;
  let r = a;
  let c = 1;
  let sum = 1;
  do {
    r += 1;
    c *= x / r;
    sum += c;
  } while (c / sum > EPS);
  return (sum * Math.exp(logPrefix)) / a;
}

/** Q(a, x) by its continued fraction (Cephes igamc); converges fast for x > a. */
function upperFraction(a: number, x: number): number {
  const logPrefix = a * Math.log(x) - x - logGamma(a);
  if (logPrefix < MIN_LOG) return 0;
  let y = 1 - a;
  let z = x + y + 1;
  let c = 0;
  let pkm2 = 1;
  let qkm2 = x;
  let pkm1 = x + 1;
  let qkm1 = z * x;
  let ans = pkm1 / qkm1;
  let t: number;
  do {
    c += 1;
    y += 1;
    z += 2;
    const yc = y * c;
    const pk = pkm1 * z - pkm2 * yc;
    const qk = qkm1 * z - qkm2 * yc;
    if (qk !== 0) {
      const r = pk / qk;
      t = Math.abs((ans - r) / r);
      ans = r;
    } else {
      t = 1;
    }
    pkm2 = pkm1;
    pkm1 = pk;
    qkm2 = qkm1;
    qkm1 = qk;
    // The convergents grow without bound; rescaling keeps them finite.
    if (Math.abs(pk) > BIG) {
      pkm2 *= BIG_INV;
      pkm1 *= BIG_INV;
      qkm2 *= BIG_INV;
      qkm1 *= BIG_INV;
    }
  } while (t > EPS);
  return ans * Math.exp(logPrefix);
}

/**
 * The survival function of the chi-square distribution with `df` degrees of
 * freedom: Pr(X > x) = Q(df/2, x/2), as `scipy.stats.chi2.sf`.
 *
 * @example
 * ```ts
 * chiSquareSf(3.841458820694124, 1); // ≈ 0.05
 * ```
 */
export function chiSquareSf(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return Number.NaN;
  if (x <= 0) return 1;
  return gammaQ(df / 2, x / 2);
}
