import { gram } from '../linear/index.js';

/** Rows are processed in blocks this long so a block's margins and residuals stay in L1/L2 cache. */
export const BLOCK_ROWS = 1024;

/**
 * The n × p feature matrix of a logistic fit. Columns that are mostly zero
 * (one-hot output of the feature pipeline, typically) are gathered into one
 * row-major sparse (CSR) part, so they cost O(non-zeros) rather than O(n)
 * each; the rest stay the Frame's own dense arrays (not copied). Work runs
 * by row block, so one pass over a block computes its margins, residuals
 * and gradient contribution while it is in cache.
 */
export class DesignMatrix {
  readonly n: number;
  readonly p: number;
  private readonly dense: { j: number; x: Float64Array }[] = [];
  /** CSR of the sparse columns: row i's entries are [rowPtr[i], rowPtr[i+1]). */
  private readonly rowPtr: Int32Array;
  private readonly colIdx: Int32Array;
  private readonly vals: Float64Array;
  /** Scratch for {@link addGradient}: two rows of p partial sums. */
  private readonly acc: Float64Array;

  /** Columns with at most `sparseShare` of their rows non-zero are stored sparse. */
  constructor(cols: readonly Float64Array[], sparseShare = 0.25) {
    const n = cols.length > 0 ? cols[0].length : 0;
    this.n = n;
    this.p = cols.length;
    const sparse: number[] = [];
    const rowPtr = new Int32Array(n + 1);
    for (let j = 0; j < cols.length; j++) {
      const x = cols[j];
      let nnz = 0;
      for (let i = 0; i < n; i++) if (x[i] !== 0) nnz++;
      if (nnz > sparseShare * n) {
        this.dense.push({ j, x });
        continue;
      }
      sparse.push(j);
      for (let i = 0; i < n; i++) if (x[i] !== 0) rowPtr[i + 1]++;
    }
    for (let i = 0; i < n; i++) rowPtr[i + 1] += rowPtr[i];
    const colIdx = new Int32Array(rowPtr[n]);
    const vals = new Float64Array(rowPtr[n]);
    const next = rowPtr.slice(0, n);
    for (const j of sparse) {
      const x = cols[j];
      for (let i = 0; i < n; i++) {
        if (x[i] === 0) continue;
        colIdx[next[i]] = j;
        vals[next[i]++] = x[i];
      }
    }
    [this.rowPtr, this.colIdx, this.vals] = [rowPtr, colIdx, vals];
    this.acc = new Float64Array(2 * this.p);
  }

  /** z[i − s] += Σ_j coef[offset + j]·x_ij for rows [s, e). */
  addMargins(coef: Float64Array, offset: number, z: Float64Array, s: number, e: number): void {
    for (const { j, x } of this.dense) {
      const w = coef[offset + j];
      if (w === 0) continue;
      for (let i = s; i < e; i++) z[i - s] += w * x[i];
    }
    const { rowPtr, colIdx, vals } = this;
    for (let i = s; i < e; i++) {
      let acc = 0;
      for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) acc += coef[offset + colIdx[k]] * vals[k];
      z[i - s] += acc;
    }
  }

  /** grad[offset + j] += Σ_i x_ij·r[i − s] over rows [s, e). */
  addGradient(r: Float64Array, grad: Float64Array, offset: number, s: number, e: number): void {
    for (const { j, x } of this.dense) {
      let acc = 0;
      for (let i = s; i < e; i++) acc += x[i] * r[i - s];
      grad[offset + j] += acc;
    }
    const { rowPtr, colIdx, vals, acc } = this;
    // Neighbouring rows often hit the same columns (data sorted by date, say); two
    // accumulators, even and odd rows, break the store-to-load chain between them.
    const p = this.p;
    for (let i = s; i < e; i++) {
      const ri = r[i - s];
      const base = (i & 1) * p;
      for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) acc[base + colIdx[k]] += vals[k] * ri;
    }
    for (let j = 0; j < p; j++) {
      grad[offset + j] += acc[j] + acc[p + j];
      acc[j] = acc[p + j] = 0;
    }
  }

  /**
   * XᵀDX (p×p, row-major) and Xᵀd (p) for D = diag(d), the pieces of a
   * logistic Hessian block. Dense pairs use the cache-blocked Gram; pairs
   * with a sparse column walk the CSR rows, O(Σᵢ nnzᵢ·(nnzᵢ + dense)).
   */
  weightedGram(d: Float64Array): { g: Float64Array; xd: Float64Array } {
    const { p, dense, rowPtr, colIdx, vals } = this;
    const g = new Float64Array(p * p);
    const q = dense.length;
    const dg = gram(dense.map((c) => c.x), d);
    for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) g[dense[a].j * p + dense[b].j] = dg[a * q + b];
    const xd = new Float64Array(p);
    for (const { j, x } of dense) for (let i = 0; i < x.length; i++) xd[j] += x[i] * d[i];
    const denseX = dense.map((c) => c.x);
    const denseJ = Int32Array.from(dense, (c) => c.j);
    for (let i = 0; i < this.n; i++) {
      const [di, k0, k1] = [d[i], rowPtr[i], rowPtr[i + 1]];
      for (let k = k0; k < k1; k++) {
        const a = colIdx[k];
        const dv = di * vals[k];
        const rowA = a * p;
        xd[a] += dv;
        for (let l = k0; l < k1; l++) g[rowA + colIdx[l]] += dv * vals[l];
        for (let b = 0; b < q; b++) g[rowA + denseJ[b]] += dv * denseX[b][i];
      }
    }
    // The sparse-dense entries were accumulated on one side only; mirror them.
    const isDense = new Uint8Array(p);
    for (const { j } of dense) isDense[j] = 1;
    for (const { j } of dense) for (let a = 0; a < p; a++) if (!isDense[a]) g[j * p + a] = g[a * p + j];
    return { g, xd };
  }
}
