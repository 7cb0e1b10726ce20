import { dot } from '../linear/index.js';

/** A smooth objective: returns f(x) and writes ∇f(x) into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

/** Options of {@link lbfgs}. */
export interface LbfgsOptions {
  maxIter: number;
  /** Stop when the largest (pseudo-)gradient entry is ≤ gtol (scipy's `pgtol`). */
  gtol: number;
  /** Stop when (f_k − f_k+1) / max(|f_k|, |f_k+1|, 1) ≤ ftol; scipy's default 2.2e-9. */
  ftol?: number;
  /** Correction pairs kept (scipy's `maxcor`, 10). */
  memory?: number;
  /** Adds l1·Σ|xᵢ| over entries where `l1Mask` is 1, solved by OWL-QN. */
  l1?: number;
  l1Mask?: Uint8Array;
  signal?: AbortSignal;
  onIteration?: (iteration: number, f: number) => void;
}

/** What {@link lbfgs} found. */
export interface LbfgsResult {
  x: Float64Array;
  f: number;
  iterations: number;
  converged: boolean;
  reason: 'gtol' | 'ftol' | 'max_iter' | 'aborted' | 'no_progress';
}

/**
 * Limited-memory BFGS, minimising `fg` from `x0`, with the stopping rules
 * of scipy's L-BFGS-B as scikit-learn calls it (gtol on the largest gradient
 * entry, a relative-decrease ftol, and an iteration cap). With `l1` > 0 it
 * becomes OWL-QN (Andrew & Gao, 2007): the quasi-Newton direction is built
 * from the smooth part's gradients, steered by the L1 pseudo-gradient, and
 * every trial point is projected onto the current orthant, so coordinates
 * reach exactly zero. A convex objective is assumed.
 */
export function lbfgs(fg: Objective, x0: Float64Array, o: LbfgsOptions): LbfgsResult {
  const n = x0.length;
  const l1 = o.l1 ?? 0;
  const mask = o.l1Mask ?? new Uint8Array(n).fill(1);
  const ftol = o.ftol ?? 2.220446049250313e-9;
  const hist = new History(o.memory ?? 10);
  let x: Float64Array = Float64Array.from(x0);
  let g: Float64Array = new Float64Array(n);
  let f = fg(x, g) + l1Norm(x, l1, mask);
  for (let iter = 0; ; iter++) {
    const pg = pseudoGradient(x, g, l1, mask);
    if (maxAbs(pg) <= o.gtol) return { x, f, iterations: iter, converged: true, reason: 'gtol' };
    if (iter >= o.maxIter) return { x, f, iterations: iter, converged: false, reason: 'max_iter' };
    if (o.signal?.aborted) return { x, f, iterations: iter, converged: false, reason: 'aborted' };
    let d = hist.direction(pg);
    if (l1 > 0) for (let i = 0; i < n; i++) if (d[i] * pg[i] >= 0) d[i] = 0;
    if (!(dot(d, pg) < 0)) {
      // A stale curvature history can point uphill; restart from steepest descent.
      hist.clear();
      d = pg.map((v) => -v);
    }
    const step0 = hist.length === 0 ? Math.min(1, 1 / Math.sqrt(dot(pg, pg))) : 1;
    const ls = lineSearch(fg, x, f, g, pg, d, step0, l1, mask);
    if (!ls) return { x, f, iterations: iter, converged: false, reason: 'no_progress' };
    const xOld = x;
    hist.push(ls.x, x, ls.g, g, l1 > 0 ? (i) => mask[i] === 1 && xOld[i] === 0 && ls.x[i] === 0 : undefined);
    const decrease = f - ls.f;
    [x, g, f] = [ls.x, ls.g, ls.f];
    o.onIteration?.(iter + 1, f);
    if (decrease <= ftol * Math.max(Math.abs(f), Math.abs(f + decrease), 1)) {
      return { x, f, iterations: iter + 1, converged: true, reason: 'ftol' };
    }
  }
}

interface Point {
  x: Float64Array;
  f: number;
  g: Float64Array;
}

/**
 * Finds a step along d with sufficient decrease. Without L1 it also seeks
 * the weak Wolfe curvature condition by bisection/expansion (Lewis &
 * Overton), which keeps the BFGS update well defined; with L1 the trial
 * point is projected onto the orthant and the step only backtracks, as
 * OWL-QN prescribes.
 */
function lineSearch(fg: Objective, x: Float64Array, f: number, g: Float64Array, pg: Float64Array, d: Float64Array, step0: number, l1: number, mask: Uint8Array): Point | null {
  const n = x.length;
  const slope = dot(pg, d);
  const orthant = pg.map((v, i) => (x[i] !== 0 ? Math.sign(x[i]) : -Math.sign(v)));
  let lo = 0;
  let hi = Infinity;
  let t = step0;
  for (let trial = 0; trial < 40; trial++) {
    const xt = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = x[i] + t * d[i];
      xt[i] = l1 > 0 && mask[i] && Math.sign(v) !== orthant[i] ? 0 : v;
    }
    const gt = new Float64Array(n);
    const ft = fg(xt, gt) + l1Norm(xt, l1, mask);
    let moved = 0;
    for (let i = 0; i < n; i++) moved += pg[i] * (xt[i] - x[i]);
    if (!(ft <= f + 1e-4 * (l1 > 0 ? moved : t * slope))) hi = t;
    else if (l1 === 0 && dot(gt, d) < 0.9 * slope && trial < 39) lo = t;
    else return { x: xt, f: ft, g: gt };
    t = hi === Infinity ? 2 * t : l1 > 0 ? t / 2 : (lo + hi) / 2;
  }
  return null;
}

/** The L-BFGS two-loop recursion over the last `memory` (s, y) pairs. */
class History {
  private s: Float64Array[] = [];
  private y: Float64Array[] = [];
  private rho: number[] = [];

  constructor(private readonly memory: number) {}

  get length(): number {
    return this.s.length;
  }

  clear(): void {
    this.s = [];
    this.y = [];
    this.rho = [];
  }

  /**
   * Records a step, skipping it when its curvature sᵀy is not safely
   * positive. Coordinates pinned at zero by L1 on both ends keep y = 0:
   * their gradient change is cross-curvature only, and left in it would
   * shrink the scaling sᵀy/yᵀy and slow the free coordinates to a crawl.
   */
  push(xNew: Float64Array, x: Float64Array, gNew: Float64Array, g: Float64Array, pinned?: (i: number) => boolean): void {
    const s = xNew.map((v, i) => v - x[i]);
    const y = gNew.map((v, i) => (pinned?.(i) ? 0 : v - g[i]));
    const sy = dot(s, y);
    if (!(sy > 1e-10 * dot(y, y))) return;
    if (this.s.length === this.memory) {
      this.s.shift();
      this.y.shift();
      this.rho.shift();
    }
    this.s.push(s);
    this.y.push(y);
    this.rho.push(1 / sy);
  }

  /** −H·g, with H the implicit inverse-Hessian approximation. */
  direction(g: Float64Array): Float64Array {
    const q = g.map((v) => -v);
    const k = this.s.length;
    const a = new Float64Array(k);
    for (let i = k - 1; i >= 0; i--) {
      a[i] = this.rho[i] * dot(this.s[i], q);
      axpy(-a[i], this.y[i], q);
    }
    if (k > 0) {
      const gamma = 1 / (this.rho[k - 1] * dot(this.y[k - 1], this.y[k - 1]));
      for (let i = 0; i < q.length; i++) q[i] *= gamma;
    }
    for (let i = 0; i < k; i++) axpy(a[i] - this.rho[i] * dot(this.y[i], q), this.s[i], q);
    return q;
  }
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += a * x[i];
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}

function l1Norm(x: Float64Array, l1: number, mask: Uint8Array): number {
  if (l1 === 0) return 0;
  let s = 0;
  for (let i = 0; i < x.length; i++) if (mask[i]) s += Math.abs(x[i]);
  return l1 * s;
}

/** The gradient, or with L1 the minimum-norm subgradient (OWL-QN's pseudo-gradient). */
function pseudoGradient(x: Float64Array, g: Float64Array, l1: number, mask: Uint8Array): Float64Array {
  if (l1 === 0) return g;
  return g.map((gi, i) => {
    if (!mask[i]) return gi;
    if (x[i] > 0) return gi + l1;
    if (x[i] < 0) return gi - l1;
    if (gi + l1 < 0) return gi + l1;
    if (gi - l1 > 0) return gi - l1;
    return 0;
  });
}
