import { dot, symmetricSolver } from '../linear/index.js';
import type { LogisticLoss } from './logistic-loss.js';

/** Options of {@link newton}. */
export interface NewtonOptions {
  maxIter: number;
  /** Stop when the largest gradient entry is ≤ tol (the same rule as {@link lbfgs}'s gtol). */
  tol: number;
  signal?: AbortSignal;
  onIteration?: (iteration: number, f: number) => void;
}

/** What {@link newton} found. */
export interface NewtonResult {
  x: Float64Array;
  f: number;
  iterations: number;
  converged: boolean;
}

/**
 * Newton's method with a backtracking (Armijo) line search on a smooth
 * logistic objective (L2 or no penalty), like scikit-learn's
 * `newton-cholesky`. It stops on the same rule as the lbfgs solver, the
 * largest gradient entry of the Σ-scaled objective, so `tol` means one thing
 * for both (sklearn's newton-cholesky divides by Σ sample weights first,
 * a looser rule; Newton's quadratic convergence makes the strict one cost
 * about one more step). Each step solves the Hessian
 * system with ml-matrix: Cholesky when it is positive definite, else the
 * SVD pseudo-inverse, because the multinomial Hessian is singular along
 * "add a constant to every class" (and without a penalty, along more).
 */
export function newton(loss: LogisticLoss, x0: Float64Array, o: NewtonOptions): NewtonResult {
  const m = loss.size;
  let x: Float64Array = Float64Array.from(x0);
  let g: Float64Array = new Float64Array(m);
  let f = loss.lossGrad(x, g);
  for (let iter = 0; ; iter++) {
    let gmax = 0;
    for (let i = 0; i < m; i++) gmax = Math.max(gmax, Math.abs(g[i]));
    if (gmax <= o.tol) return { x, f, iterations: iter, converged: true };
    if (iter >= o.maxIter || o.signal?.aborted) return { x, f, iterations: iter, converged: false };
    // Multinomial Hessians are singular (see above); Cholesky could pass on rounding noise and step far along the null space.
    const solve = symmetricSolver(loss.hessian(x), m, loss.y.length, loss.rows === 1);
    let d = solve(g).map((v) => -v);
    if (!(dot(d, g) < 0)) d = g.map((v) => -v);
    const step = backtrack(loss, x, f, g, d);
    if (!step) return { x, f, iterations: iter, converged: false };
    [x, f, g] = [step.x, step.f, step.g];
    o.onIteration?.(iter + 1, f);
  }
}

function backtrack(loss: LogisticLoss, x: Float64Array, f: number, g: Float64Array, d: Float64Array): { x: Float64Array; f: number; g: Float64Array } | null {
  const slope = dot(g, d);
  for (let t = 1; t > 1e-10; t /= 2) {
    const xt = x.map((v, i) => v + t * d[i]);
    const gt = new Float64Array(x.length);
    const ft = loss.lossGrad(xt, gt);
    // A relative floor: near the optimum the decrease drowns in rounding.
    if (ft <= f + 1e-4 * t * slope || Math.abs(ft - f) <= 1e-15 * Math.abs(f)) return { x: xt, f: ft, g: gt };
  }
  return null;
}
