const E128 = 2 ** 128;
const EM128 = 2 ** -128;

/**
 * Pr(Dₙ ≤ x) for the two-sided one-sample Kolmogorov–Smirnov statistic by
 * Pomeranz's recursion (1974), as scipy's `_kolmogn_Pomeranz` arranges it:
 * 2n + 1 steps, each a short convolution with precomputed powers
 * (g/n)^m/m!, (2g/n)^m/m! or ((1 − 2g)/n)^m/m!, where g is the distance of nx
 * from the nearest integer. Used for n ≤ 140 where the matrix method is slow.
 *
 * @example
 * ```ts
 * pomeranzCdf(20, 0.2); // ≈ 0.6282176…
 * ```
 */
export function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gpower = powers(npwrs, g / n);
  const twoGpower = powers(npwrs, (2 * g) / n);
  const oneMinusTwoGpower = powers(npwrs, (1 - 2 * g) / n);

  let v0 = new Float64Array(npwrs);
  let v1 = new Float64Array(npwrs);
  v1[0] = 1;
  let v0s = 0;
  let v1s = 0;
  let expnt = 0;
  let [j1, j2] = bounds(0, n, ll, ceilf, roundf);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [v0, v1] = [v1, v0];
    [v0s, v1s] = [v1s, v0s];
    v1.fill(0);
    [j1, j2] = bounds(i, n, ll, ceilf, roundf);
    const pw = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twoGpower : oneMinusTwoGpower;
    const len = j2 - k1 + 1;
    if (len <= 0) continue;
    const start = j1 - k1;
    const count = j2 - j1 + 1;
    const base = k1 - v0s;
    let max = 0;
    for (let c = 0; c < count; c++) {
      // Entry start + c of the full convolution of v0[base … base+len) with pw[0 … len).
      const at = start + c;
      let s = 0;
      for (let a = Math.max(0, at - len + 1); a <= Math.min(at, len - 1); a++) {
        const idx = base + a;
        if (idx >= 0 && idx < v0.length) s += v0[idx] * pw[at - a];
      }
      v1[c] = s;
      if (s > max) max = s;
    }
    if (max > 0 && max < EM128) {
      for (let c = 0; c < count; c++) v1[c] *= E128;
      expnt -= 128;
    }
    v1s = v0s + j1 - k1;
  }
  let ans = v1[n - v1s];
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > E128) {
      ans *= EM128;
      expnt += 128;
    }
    ans *= m;
  }
  if (expnt !== 0) ans *= 2 ** expnt;
  return Math.min(1, Math.max(0, ans));
}

/** a^m / m! for m = 0 … count−1. */
function powers(count: number, a: number): Float64Array {
  const out = new Float64Array(count);
  out[0] = 1;
  for (let m = 1; m < count; m++) out[m] = (out[m - 1] * a) / m;
  return out;
}

/** The index range of row i that can be non-zero. */
function bounds(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = half - 1 - ll - roundf - 1;
        j2 = half + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}
