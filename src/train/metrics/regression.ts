/**
 * Regression metrics with scikit-learn 1.2's definitions: RMSE, MAE, MAPE,
 * R² and explained variance (`force_finite=True`, the default).
 */
import { checkFinite, checkLength, checkNonEmpty, checkWeights, type Scored } from './inputs.js';
import { average, pairwiseSum } from './pairwise-sum.js';

function check(yTrue: Float64Array, yPred: Float64Array, w: Float64Array | undefined): void {
  checkNonEmpty(yTrue.length);
  checkLength('yPred', yPred, yTrue.length);
  checkFinite('yTrue', yTrue);
  checkFinite('yPred', yPred);
  checkWeights(w, yTrue.length);
}

/** x², as the product NumPy's `**2` computes (no pow rounding). */
function sq(x: number): number {
  return x * x;
}

function map(n: number, f: (i: number) => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(i);
  return out;
}

/**
 * Root mean squared error: √(Σ w (y − ŷ)² / Σ w), as
 * `mean_squared_error(y, ŷ, sample_weight=w, squared=False)`.
 *
 * @example
 * ```ts
 * rmse(new Float64Array([3, -0.5, 2, 7]), new Float64Array([2.5, 0, 2, 8])); // 0.6123…
 * ```
 */
export function rmse(yTrue: Float64Array, yPred: Float64Array, sampleWeight?: Float64Array): number {
  check(yTrue, yPred, sampleWeight);
  return Math.sqrt(average(map(yTrue.length, (i) => sq(yTrue[i] - yPred[i])), sampleWeight));
}

/**
 * Mean absolute error, as `mean_absolute_error(y, ŷ, sample_weight=w)`.
 *
 * @example
 * ```ts
 * mae(new Float64Array([3, -0.5, 2, 7]), new Float64Array([2.5, 0, 2, 8])); // 0.5
 * ```
 */
export function mae(yTrue: Float64Array, yPred: Float64Array, sampleWeight?: Float64Array): number {
  check(yTrue, yPred, sampleWeight);
  return average(map(yTrue.length, (i) => Math.abs(yPred[i] - yTrue[i])), sampleWeight);
}

/**
 * Mean absolute percentage error as a fraction (not ×100), as
 * `mean_absolute_percentage_error`: |y − ŷ| / max(|y|, ε) with ε the float64
 * machine epsilon, so a zero target gives a huge but finite term, not ∞.
 *
 * @example
 * ```ts
 * mape(new Float64Array([3, -0.5, 2, 7]), new Float64Array([2.5, 0, 2, 8])); // 0.3273…
 * ```
 */
export function mape(yTrue: Float64Array, yPred: Float64Array, sampleWeight?: Float64Array): number {
  check(yTrue, yPred, sampleWeight);
  return average(
    map(yTrue.length, (i) => Math.abs(yPred[i] - yTrue[i]) / Math.max(Math.abs(yTrue[i]), Number.EPSILON)),
    sampleWeight,
  );
}

/**
 * Coefficient of determination, as `r2_score(y, ŷ, sample_weight=w)`:
 * 1 − Σ w (y − ŷ)² / Σ w (y − ȳ)².
 *
 * Edge cases, as in 1.2: fewer than two rows gives NaN and a warning; a
 * constant `yTrue` gives 1.0 when the predictions are perfect and 0.0
 * otherwise (`force_finite=True`), instead of NaN or −∞.
 *
 * @example
 * ```ts
 * r2(new Float64Array([3, -0.5, 2, 7]), new Float64Array([2.5, 0, 2, 8])).value; // 0.9486…
 * ```
 */
export function r2(yTrue: Float64Array, yPred: Float64Array, sampleWeight?: Float64Array): Scored {
  check(yTrue, yPred, sampleWeight);
  const n = yTrue.length;
  if (n < 2) return { value: NaN, warnings: ['R^2 score is not well-defined with less than two samples.'] };
  const w = sampleWeight;
  const num = pairwiseSum(map(n, (i) => (w ? w[i] : 1) * sq(yTrue[i] - yPred[i])));
  const mean = average(yTrue, w);
  const den = pairwiseSum(map(n, (i) => (w ? w[i] : 1) * sq(yTrue[i] - mean)));
  return { value: assemble(num, den), warnings: [] };
}

/**
 * Explained variance, as `explained_variance_score(y, ŷ, sample_weight=w)`:
 * 1 − Var_w(y − ŷ) / Var_w(y). Unlike R² it ignores a constant bias in the
 * predictions. A constant `yTrue` gives 1.0 if the residual variance is 0
 * and 0.0 otherwise, as in 1.2.
 *
 * @example
 * ```ts
 * explainedVariance(new Float64Array([3, -0.5, 2, 7]), new Float64Array([2.5, 0, 2, 8])); // 0.9571…
 * ```
 */
export function explainedVariance(yTrue: Float64Array, yPred: Float64Array, sampleWeight?: Float64Array): number {
  check(yTrue, yPred, sampleWeight);
  const n = yTrue.length;
  const w = sampleWeight;
  const diffMean = average(map(n, (i) => yTrue[i] - yPred[i]), w);
  const num = average(map(n, (i) => sq(yTrue[i] - yPred[i] - diffMean)), w);
  const mean = average(yTrue, w);
  const den = average(map(n, (i) => sq(yTrue[i] - mean)), w);
  return assemble(num, den);
}

/** `_assemble_r2_explained_variance` with `force_finite=True`, for one output. */
function assemble(num: number, den: number): number {
  if (den !== 0) return num !== 0 ? 1 - num / den : 1;
  return num !== 0 ? 0 : 1;
}
