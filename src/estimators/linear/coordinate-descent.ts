import { dot } from './design.js';

/** What {@link elasticNetCD} found. */
export interface ElasticNetResult {
  coef: Float64Array;
  /** Passes over the features (scikit-learn's `n_iter_`). */
  iterations: number;
  /** The last duality gap computed, in the n-scaled objective. */
  dualGap: number;
  converged: boolean;
}

/** Options of {@link elasticNetCD}. */
export interface ElasticNetOptions {
  alpha: number;
  l1Ratio: number;
  maxIter: number;
  tol: number;
  signal?: AbortSignal;
  onIteration?: (iteration: number, gap: number) => void;
}

/**
 * Minimises 1/(2n)‖y − Xw‖² + alpha·l1_ratio‖w‖₁ + ½·alpha·(1 − l1_ratio)‖w‖²
 * (scikit-learn's ElasticNet/Lasso objective) by cyclic coordinate descent,
 * following `enet_coordinate_descent` in sklearn's `_cd_fast.pyx` step for
 * step, so iterates and stopping agree with scikit-learn: after a pass whose
 * largest coefficient change is below tol·max|w|, the duality gap is
 * computed and the descent stops once it is below tol·‖y‖².
 * X and y must already be centred and √weight-scaled (see `prepareData`).
 */
export function elasticNetCD(X: readonly Float64Array[], y: Float64Array, o: ElasticNetOptions): ElasticNetResult {
  const n = y.length;
  const p = X.length;
  // sklearn scales the objective by n so the soft threshold is a plain dot product.
  const l1 = o.alpha * o.l1Ratio * n;
  const l2 = o.alpha * (1 - o.l1Ratio) * n;
  const w = new Float64Array(p);
  const norms = Float64Array.from(X, (x) => dot(x, x));
  const R = Float64Array.from(y);
  const gapTol = o.tol * dot(y, y);
  let gap = Infinity;
  for (let iter = 0; iter < o.maxIter; iter++) {
    const { maxChange, maxCoef } = sweep(X, R, w, norms, l1, l2);
    const lastIter = iter === o.maxIter - 1 || o.signal?.aborted === true;
    if (maxCoef === 0 || maxChange / maxCoef < o.tol || lastIter) {
      gap = dualityGap(X, y, R, w, l1, l2);
      o.onIteration?.(iter + 1, gap);
      if (gap < gapTol || lastIter) return { coef: w, iterations: iter + 1, dualGap: gap, converged: gap < gapTol };
    } else {
      o.onIteration?.(iter + 1, gap);
    }
  }
  return { coef: w, iterations: o.maxIter, dualGap: gap, converged: false };
}

/** One cyclic pass over the coordinates, keeping the residual R = y − Xw current. */
function sweep(X: readonly Float64Array[], R: Float64Array, w: Float64Array, norms: Float64Array, l1: number, l2: number): { maxChange: number; maxCoef: number } {
  let maxChange = 0;
  let maxCoef = 0;
  for (let j = 0; j < X.length; j++) {
    // A constant (after centring, all-zero) column cannot move the fit.
    if (norms[j] === 0) continue;
    const x = X[j];
    const old = w[j];
    let tmp = 0;
    for (let i = 0; i < R.length; i++) tmp += x[i] * (R[i] + old * x[i]);
    const next = (Math.sign(tmp) * Math.max(Math.abs(tmp) - l1, 0)) / (norms[j] + l2);
    const delta = old - next;
    if (delta !== 0) for (let i = 0; i < R.length; i++) R[i] += delta * x[i];
    w[j] = next;
    maxChange = Math.max(maxChange, Math.abs(delta));
    maxCoef = Math.max(maxCoef, Math.abs(next));
  }
  return { maxChange, maxCoef };
}

/** The elastic-net duality gap of sklearn's `_cd_fast`, in its n-scaled units. */
function dualityGap(X: readonly Float64Array[], y: Float64Array, R: Float64Array, w: Float64Array, l1: number, l2: number): number {
  let dualNorm = 0;
  for (let j = 0; j < X.length; j++) dualNorm = Math.max(dualNorm, Math.abs(dot(X[j], R) - l2 * w[j]));
  const rNorm2 = dot(R, R);
  const wNorm2 = dot(w, w);
  let l1Norm = 0;
  for (let j = 0; j < w.length; j++) l1Norm += Math.abs(w[j]);
  const scale = dualNorm > l1 ? l1 / dualNorm : 1;
  const gap = dualNorm > l1 ? 0.5 * rNorm2 * (1 + scale * scale) : rNorm2;
  return gap + l1 * l1Norm - scale * dot(R, y) + 0.5 * l2 * (1 + scale * scale) * wNorm2;
}
