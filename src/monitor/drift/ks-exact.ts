/**
 * The exact null distribution of the two-sample Kolmogorov–Smirnov statistic,
 * as `scipy.stats.ks_2samp` computes it on its `exact` path. D is a multiple
 * of 1/lcm(n1, n2); with h = D·lcm the p-value Pr(D ≥ h/lcm) is the share of
 * monotone lattice paths from (0,0) to (m,n) that touch a band of half-width
 * h around the diagonal (Hodges 1958).
 */

/**
 * Pr(D ≥ h/n) for two samples of the same size n (scipy's
 * `_compute_prob_outside_square`): the alternating reflection sum
 * 2·Σ (−1)^(k−1) C(2n, n − kh) / C(2n, n), evaluated in Horner form so the
 * subtraction never cancels.
 */
export function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
  }
  return 2 * P;
}

/**
 * Pr(D ≥ h/lcm) for sizes m ≠ n (scipy's `_compute_outer_prob_inside_method`):
 * walks the lattice one column at a time keeping only the band of cells with
 * |x/m − y/n| < h/lcm, and carries 1 − (share of paths still inside) directly
 * (Viehmann 2021), which stays accurate when the p-value is tiny.
 */
export function probOutsideBand(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const A = new Float64Array(Math.min(2 * maxj + 2, n + 1)).fill(1);
  for (let j = minj; j < maxj; j++) A[j] = 0;
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj] * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    // Cells that left the band on the low side count as "outside" from now on.
    for (let c = curlen; c < curlen + (lastlen - curlen) && c < A.length; c++) A[c] = 1;
  }
  return A[maxj - minj - 1];
}
