import { BLOCK_ROWS, DesignMatrix } from './design-matrix.js';

/**
 * The penalised log loss of scikit-learn 1.2's LogisticRegression, as its
 * lbfgs solver minimises it: Σᵢ swᵢ·lossᵢ + ½·l2·‖W‖² with l2 = 1/C, the
 * intercepts unpenalised. Binary problems (2 classes) have one row of
 * coefficients for the second class; more classes are multinomial (softmax)
 * with one row per class, as sklearn's `multi_class='auto'` does.
 *
 * Parameters θ are laid out row by row: [w_r0 … w_r(p−1), b_r] (no b_r
 * without an intercept). Features live in a {@link DesignMatrix}: the
 * Frame's dense columns as they are, mostly-zero ones as CSR.
 */
export class LogisticLoss {
  readonly rows: number;
  readonly p: number;
  readonly stride: number;
  readonly size: number;
  /** 1 for coefficients an L1 or L2 penalty applies to, 0 for intercepts. */
  readonly penalised: Uint8Array;
  readonly swSum: number;
  private readonly X: DesignMatrix;
  /** One block of margins (then residuals) per coefficient row, reused across calls. */
  private readonly zb: Float64Array[];

  constructor(
    cols: readonly Float64Array[],
    readonly y: Int32Array,
    readonly classes: number,
    readonly sw: Float64Array | null,
    readonly fitIntercept: boolean,
    readonly l2: number,
  ) {
    this.X = new DesignMatrix(cols);
    this.p = cols.length;
    this.rows = classes === 2 ? 1 : classes;
    this.stride = this.p + (fitIntercept ? 1 : 0);
    this.size = this.rows * this.stride;
    this.penalised = new Uint8Array(this.size).fill(1);
    if (fitIntercept) for (let r = 0; r < this.rows; r++) this.penalised[r * this.stride + this.p] = 0;
    this.swSum = sw ? sw.reduce((a, b) => a + b, 0) : y.length;
    this.zb = Array.from({ length: this.rows }, () => new Float64Array(BLOCK_ROWS));
  }

  /** Margins of rows [s, e) into z[r][0 … e − s). */
  private blockMargins(theta: Float64Array, z: Float64Array[], s: number, e: number): void {
    for (let r = 0; r < this.rows; r++) {
      z[r].fill(this.fitIntercept ? theta[r * this.stride + this.p] : 0, 0, e - s);
      this.X.addMargins(theta, r * this.stride, z[r], s, e);
    }
  }

  /**
   * The objective at θ; writes its gradient into `grad`. One pass over the
   * rows, block by block: margins, residuals swᵢ·(pᵢᵣ − yᵢᵣ), then the
   * block's share of Xᵀ·residuals, while the block is in cache.
   */
  lossGrad(theta: Float64Array, grad: Float64Array): number {
    const n = this.y.length;
    const z = this.zb;
    grad.fill(0);
    let loss = 0;
    for (let s = 0; s < n; s += BLOCK_ROWS) {
      const e = Math.min(n, s + BLOCK_ROWS);
      this.blockMargins(theta, z, s, e);
      loss += this.rows === 1 ? this.binaryResiduals(z[0], s, e) : this.softmaxResiduals(z, s, e);
      for (let r = 0; r < this.rows; r++) {
        this.X.addGradient(z[r], grad, r * this.stride, s, e);
        if (!this.fitIntercept) continue;
        let sum = 0;
        for (let i = 0; i < e - s; i++) sum += z[r][i];
        grad[r * this.stride + this.p] += sum;
      }
    }
    let penalty = 0;
    for (let a = 0; a < this.size; a++) {
      if (!this.penalised[a]) continue;
      grad[a] += this.l2 * theta[a];
      penalty += theta[a] * theta[a];
    }
    return loss + 0.5 * this.l2 * penalty;
  }

  /** Σ swᵢ·(softplus(zᵢ) − yᵢzᵢ) over the block; z becomes swᵢ·(σ(zᵢ) − yᵢ). */
  private binaryResiduals(z: Float64Array, s: number, e: number): number {
    let loss = 0;
    for (let i = s; i < e; i++) {
      const zi = z[i - s];
      const w = this.sw ? this.sw[i] : 1;
      const yi = this.y[i];
      // Stable forms: never exponentiate a large positive margin.
      const ez = Math.exp(-Math.abs(zi));
      loss += w * (Math.max(zi, 0) + Math.log1p(ez) - yi * zi);
      const prob = zi >= 0 ? 1 / (1 + ez) : ez / (1 + ez);
      z[i - s] = w * (prob - yi);
    }
    return loss;
  }

  /** Σ swᵢ·(logsumexp(zᵢ) − zᵢ,yᵢ) over the block; z[k] becomes swᵢ·(pᵢₖ − [yᵢ = k]). */
  private softmaxResiduals(z: Float64Array[], s: number, e: number): number {
    const K = z.length;
    let loss = 0;
    for (let i = 0; i < e - s; i++) {
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, z[k][i]);
      let sum = 0;
      for (let k = 0; k < K; k++) sum += Math.exp(z[k][i] - max);
      const w = this.sw ? this.sw[s + i] : 1;
      const yi = this.y[s + i];
      loss += w * (max + Math.log(sum) - z[yi][i]);
      for (let k = 0; k < K; k++) z[k][i] = w * (Math.exp(z[k][i] - max) / sum - (k === yi ? 1 : 0));
    }
    return loss;
  }

  /**
   * The Hessian at θ (size × size, row-major): Σᵢ swᵢ·x̃ᵢx̃ᵢᵀ·pᵢₖ(δₖₗ − pᵢₗ) per
   * block (k, l), x̃ = [x, 1], plus l2 on penalised diagonal entries.
   */
  hessian(theta: Float64Array): Float64Array {
    const probs = this.probabilities(theta);
    const m = this.size;
    const h = new Float64Array(m * m);
    const d = new Float64Array(this.y.length);
    for (let k = 0; k < this.rows; k++) {
      for (let l = 0; l <= k; l++) {
        for (let i = 0; i < d.length; i++) {
          const w = this.sw ? this.sw[i] : 1;
          d[i] = this.rows === 1 ? w * probs[0][i] * (1 - probs[0][i]) : w * probs[k][i] * ((k === l ? 1 : 0) - probs[l][i]);
        }
        this.writeBlock(h, d, k, l);
      }
    }
    for (let a = 0; a < m; a++) if (this.penalised[a]) h[a * m + a] += this.l2;
    return h;
  }

  /** Class probabilities at θ: one array per coefficient row (the positive class when binary). */
  probabilities(theta: Float64Array): Float64Array[] {
    const n = this.y.length;
    const z = Array.from({ length: this.rows }, () => new Float64Array(n));
    for (let s = 0; s < n; s += BLOCK_ROWS) {
      const e = Math.min(n, s + BLOCK_ROWS);
      this.blockMargins(theta, z.map((a) => a.subarray(s, e)), s, e);
    }
    if (this.rows === 1) for (let i = 0; i < n; i++) z[0][i] = 1 / (1 + Math.exp(-z[0][i]));
    else softmaxInPlace(z);
    return z;
  }

  /** Writes Σ dᵢ·x̃ᵢx̃ᵢᵀ into block (k, l) and its mirror (l, k). */
  private writeBlock(h: Float64Array, d: Float64Array, k: number, l: number): void {
    const { p, stride: s, size: m } = this;
    const { g, xd } = this.X.weightedGram(d);
    const dSum = d.reduce((a, b) => a + b, 0);
    const at = (a: number, b: number): number => (a < p && b < p ? g[a * p + b] : a < p || b < p ? xd[Math.min(a, b)] : dSum);
    for (let a = 0; a < s; a++) {
      for (let b = 0; b < s; b++) {
        const v = at(a, b);
        h[(k * s + a) * m + l * s + b] = v;
        h[(l * s + b) * m + k * s + a] = v;
      }
    }
  }
}

/** Turns per-class margins into probabilities, row by row, without overflow. */
export function softmaxInPlace(z: Float64Array[]): void {
  const K = z.length;
  for (let i = 0; i < z[0].length; i++) {
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, z[k][i]);
    let sum = 0;
    for (let k = 0; k < K; k++) {
      z[k][i] = Math.exp(z[k][i] - max);
      sum += z[k][i];
    }
    for (let k = 0; k < K; k++) z[k][i] /= sum;
  }
}
