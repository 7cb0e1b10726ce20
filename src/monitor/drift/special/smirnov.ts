import { logGamma, MIN_LOG } from './gamma.js';

const EPS = 2.220446049250313e-16;
/** Above this n, scipy switches to an approximation (`SMIRNOV_MAX_COMPUTE_N`); so do we, to agree with it. */
const MAX_COMPUTE_N = 1_000_000;

/**
 * The survival function of the one-sided Kolmogorov–Smirnov statistic D⁺ₙ:
 * Pr(D⁺ₙ ≥ x), as `scipy.special.smirnov(n, x)`. It is the Birnbaum–Tingey sum
 *
 *   x · Σ_{j=0}^{⌊n(1−x)⌋} C(n, j) (x + j/n)^(j−1) (1 − x − j/n)^(n−j),
 *
 * whose terms are all positive; each is computed in log space, so huge
 * binomials never overflow. The special cases (x ≤ 1/n, x ≥ 1 − 1/n, an
 * underflowing tail, n above a million) follow scipy's Cephes code.
 *
 * @example
 * ```ts
 * smirnovSf(1, 0.3); // 0.7
 * ```
 */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0) || !(x >= 0 && x <= 1)) return Number.NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const nx = n * x;
  if (nx <= 1) return 1 - x * Math.pow(1 + x, n - 1);
  if (-2 * n * x * x < MIN_LOG) return 0;
  if (nx >= n - 1) return Math.pow(1 - x, n);
  if (n > MAX_COMPUTE_N) {
    const logp = -Math.pow(6 * nx + 1, 2) / 18 / n;
    return logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp);
  }
  const logFactN = logGamma(n + 1);
  // The last term, j = n(1 − x) exactly, is zero: (1 − x − j/n)^(n−j) = 0.
  const terms = Math.ceil(n * (1 - x));
  let sum = 0;
  for (let j = 0; j < terms; j++) {
    const rest = 1 - x - j / n;
    if (rest <= 0) break;
    const logTerm = logFactN - logGamma(j + 1) - logGamma(n - j + 1) + (j - 1) * Math.log(x + j / n) + (n - j) * Math.log(rest);
    const term = Math.exp(logTerm);
    sum += term;
    // scipy's own stopping rule: what is left cannot move the sum.
    if (term !== 0 && 4 * (terms - j) * term < EPS * sum && j !== terms - 1) break;
    if (term === 0 && j > n / 2) break;
  }
  return Math.min(1, Math.max(0, x * sum));
}
