import { CholeskyDecomposition, Matrix, SingularValueDecomposition } from 'ml-matrix';
import { dot, gram, weightedMean } from './design.js';

/** A design matrix made ready for an unweighted solver. */
export interface PreparedData {
  /** Columns, centred when fitting an intercept and scaled by √weight. */
  X: Float64Array[];
  y: Float64Array;
  /** Weighted column means subtracted (zeros without an intercept). */
  xOffset: Float64Array;
  yOffset: number;
}

/**
 * Centres X and y on their weighted means (when fitting an intercept) and
 * multiplies each row by √weight, as scikit-learn's `_preprocess_data` and
 * `_rescale_data` do: weighted least squares on the original data is then
 * ordinary least squares on the result, and the intercept, which is not
 * penalised, drops out of the problem.
 */
export function prepareData(cols: readonly Float64Array[], y: Float64Array, sw: Float64Array | null, fitIntercept: boolean): PreparedData {
  const n = y.length;
  const root = sw ? sw.map(Math.sqrt) : null;
  const shift = (v: Float64Array, m: number): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = root ? (v[i] - m) * root[i] : v[i] - m;
    return out;
  };
  const xOffset = new Float64Array(cols.length);
  if (fitIntercept) for (let j = 0; j < cols.length; j++) xOffset[j] = weightedMean(cols[j], sw);
  const yOffset = fitIntercept ? weightedMean(y, sw) : 0;
  return { X: cols.map((c, j) => shift(c, xOffset[j])), y: shift(y, yOffset), xOffset, yOffset };
}

/** The intercept that goes with coefficients fitted on prepared data. */
export function interceptOf(d: PreparedData, coef: Float64Array): number {
  return d.yOffset - dot(d.xOffset, coef);
}

/**
 * Minimises ‖y − Xw‖² + alpha‖w‖² through the normal equations
 * (XᵀX + alpha·I) w = Xᵀy, with ml-matrix for the decomposition:
 * Cholesky when alpha > 0 (scikit-learn Ridge's `cholesky` solver), and for
 * OLS an SVD pseudo-inverse, so a rank-deficient X gets the minimum-norm
 * least-squares solution as `scipy.linalg.lstsq` gives. The p×p system is
 * used instead of a QR of the n×p matrix so memory stays O(p²) beyond the
 * data. Forming XᵀX squares the condition number, so two steps of
 * iterative refinement against the exact residual recover the lost digits.
 */
export function solveNormalEquations(X: readonly Float64Array[], y: Float64Array, alpha: number): Float64Array {
  const p = X.length;
  const g = gram(X);
  for (let j = 0; j < p; j++) g[j * p + j] += alpha;
  const solve = symmetricSolver(g, p, y.length, alpha > 0);
  const w = solve(Float64Array.from(X, (x) => dot(x, y)));
  const r = new Float64Array(y.length);
  for (let step = 0; step < 2; step++) {
    r.set(y);
    for (let j = 0; j < p; j++) {
      const x = X[j];
      const wj = w[j];
      for (let i = 0; i < r.length; i++) r[i] -= wj * x[i];
    }
    const delta = solve(Float64Array.from(X, (x, j) => dot(x, r) - alpha * w[j]));
    for (let j = 0; j < p; j++) w[j] += delta[j];
  }
  return w;
}

/** Solves G·x = b for one fixed matrix G. */
export type SymmetricSolver = (b: Float64Array) => Float64Array;

/**
 * A solver for the symmetric positive semi-definite p×p matrix g (row-major)
 * built from n rows: Cholesky when asked and g is numerically positive
 * definite, else the SVD pseudo-inverse (minimum-norm solution).
 */
export function symmetricSolver(g: Float64Array, p: number, n: number, tryCholesky: boolean): SymmetricSolver {
  return (tryCholesky ? choleskySolver(g, p) : null) ?? pseudoInverseSolver(g, p, n);
}

/** A Cholesky solver for the symmetric matrix g, or null when it is not numerically positive definite. */
function choleskySolver(g: Float64Array, p: number): SymmetricSolver | null {
  const chol = new CholeskyDecomposition(Matrix.from1DArray(p, p, g));
  if (!chol.isPositiveDefinite()) return null;
  return (b) => Float64Array.from(chol.solve(Matrix.columnVector(Array.from(b))).getColumn(0));
}

/**
 * x = G⁺b for symmetric positive semi-definite G = V·S·Vᵀ. Directions with
 * an eigenvalue below eps·max(n, p)·λmax are dropped, the Gram-matrix
 * analogue of lstsq's default cut-off, so exactly collinear columns share
 * their weight instead of blowing up.
 */
function pseudoInverseSolver(g: Float64Array, p: number, n: number): SymmetricSolver {
  const svd = new SingularValueDecomposition(Matrix.from1DArray(p, p, g), { computeLeftSingularVectors: false, autoTranspose: false });
  const s = svd.diagonal;
  const v = svd.rightSingularVectors;
  const cut = (s[0] ?? 0) * Number.EPSILON * Math.max(n, p);
  return (b) => {
    const x = new Float64Array(p);
    for (let k = 0; k < p; k++) {
      if (!(s[k] > cut)) continue;
      let proj = 0;
      for (let j = 0; j < p; j++) proj += v.get(j, k) * b[j];
      proj /= s[k];
      for (let j = 0; j < p; j++) x[j] += v.get(j, k) * proj;
    }
    return x;
  };
}
