import { kolmogorovSf } from './special/kolmogorov.js';
import { probOutsideBand, probOutsideSquare } from './ks-exact.js';

/** Largest sample size for which `auto` tries the exact p-value (scipy's `MAX_AUTO_N`). */
export const KS_MAX_EXACT_N = 10_000;

/** The result of {@link ksTwoSample}. */
export interface KsResult {
  /** D = sup |F₁ − F₂|, snapped to a multiple of 1/lcm(n1, n2) on the exact path as scipy does. */
  statistic: number;
  pValue: number;
  /** How the p-value was computed. */
  method: 'exact' | 'asymp';
}

/**
 * The two-sided two-sample Kolmogorov–Smirnov test on two **sorted** samples
 * without missing values, as `scipy.stats.ks_2samp(a, b, method='auto')`:
 * exact when both samples have at most 10,000 values, otherwise the
 * one-sample Kolmogorov distribution at n = round(n1·n2/(n1+n2))
 * (`kstwo.sf(D, n)`). Ties are handled as scipy does, by evaluating both
 * empirical CDFs just right of every observed value.
 *
 * @example
 * ```ts
 * ksTwoSample(Float64Array.of(1, 2, 3), Float64Array.of(4, 5, 6)); // D = 1, p = 2/C(6,3) = 0.1, exact
 * ```
 */
export function ksTwoSample(a: Float64Array, b: Float64Array, method: 'auto' | 'exact' | 'asymp' = 'auto'): KsResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('ksTwoSample needs two non-empty samples');
  const d = ksStatistic(a, b);
  let mode = method === 'auto' ? (Math.max(n1, n2) <= KS_MAX_EXACT_N ? 'exact' : 'asymp') : method;
  const g = gcd(n1, n2);
  if (mode === 'exact' && n1 / g >= 2147483647 / (n2 / g)) mode = 'asymp';
  if (mode === 'exact') {
    const exact = exactTwoSided(n1, n2, g, d);
    if (exact) return { statistic: exact.d, pValue: exact.p, method: 'exact' };
  }
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const en = (m * n) / (m + n);
  return { statistic: d, pValue: Math.min(1, Math.max(0, kolmogorovSf(roundHalfEven(en), d))), method: 'asymp' };
}

/** D = max over all observed values of |F₁(v) − F₂(v)|, both CDFs right-continuous. */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
    while (i < n1 && a[i] <= v) i++;
    while (j < n2 && b[j] <= v) j++;
    const diff = Math.abs(i / n1 - j / n2);
    if (diff > d) d = diff;
  }
  return d;
}

function exactTwoSided(n1: number, n2: number, g: number, d: number): { d: number; p: number } | null {
  const lcm = (n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  const snapped = h / lcm;
  if (h === 0) return { d: snapped, p: 1 };
  const p = n1 === n2 ? probOutsideSquare(n1, h) : probOutsideBand(n1, n2, g, h);
  // scipy falls back to the asymptotic formula when the recursion leaves [0, 1].
  if (!(p >= 0 && p <= 1)) return null;
  return { d: snapped, p };
}

/** numpy's round: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
