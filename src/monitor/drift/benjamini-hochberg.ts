/**
 * Benjamini–Hochberg adjusted p-values (the false discovery rate step-up
 * procedure, as statsmodels' `multipletests(method='fdr_bh')`): sorted
 * ascending, p₍ᵢ₎ becomes min over j ≥ i of m·p₍ⱼ₎/j, capped at 1. Testing the
 * adjusted values against α rejects exactly the hypotheses BH rejects at
 * FDR α. NaN entries (tests that did not run) stay NaN and do not count in m.
 *
 * @example
 * ```ts
 * benjaminiHochberg([0.01, 0.04, 0.03]); // [0.03, 0.04, 0.04]
 * ```
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const idx = pValues.map((p, i) => [p, i] as const).filter(([p]) => !Number.isNaN(p));
  idx.sort((x, y) => x[0] - y[0]);
  const m = idx.length;
  const out = pValues.map(() => Number.NaN);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const [p, i] = idx[r];
    running = Math.min(running, (m * p) / (r + 1));
    out[i] = running;
  }
  return out;
}
