/**
 * Log loss (cross-entropy), as scikit-learn 1.2's
 * `log_loss(y_true, proba, labels=range(k), sample_weight=w)`.
 */
import { checkClassCount, checkClassIndices, checkNonEmpty, checkProba, checkWeights } from './inputs.js';
import { average, pairwiseSum } from './pairwise-sum.js';

/**
 * The clipping bound of scikit-learn 1.2: `eps="auto"`, which is
 * `np.finfo(float64).eps` = 2⁻⁵² ≈ 2.22e-16. (Before 1.2 the default was 1e-15.)
 */
export const LOG_LOSS_EPS = Number.EPSILON;

/**
 * The mean negative log-probability of the true class. Each row is first
 * clipped to [eps, 1 − eps] and then renormalised to sum to 1, as 1.2 does,
 * so a probability of exactly 0 costs −log(eps / rowsum) rather than ∞.
 *
 * Because all k classes are passed as `labels`, a fold in which only some
 * classes occur is still scored (scikit-learn raises only when it has to
 * infer the labels from a single-class `y_true`).
 *
 * @example
 * ```ts
 * // sklearn's docstring example: log_loss(["spam", "ham", "ham", "spam"], [[.1, .9], [.9, .1], [.8, .2], [.35, .65]])
 * logLoss(new Int32Array([1, 0, 0, 1]), new Float64Array([0.1, 0.9, 0.9, 0.1, 0.8, 0.2, 0.35, 0.65]), 2); // 0.21616…
 * ```
 */
export function logLoss(yTrue: Int32Array, proba: Float64Array, k: number, sampleWeight?: Float64Array): number {
  checkClassCount(k, 2);
  const n = yTrue.length;
  checkNonEmpty(n);
  checkClassIndices('yTrue', yTrue, k);
  checkProba(proba, n, k);
  checkWeights(sampleWeight, n);
  const hi = 1 - LOG_LOSS_EPS;
  const row = new Float64Array(k);
  const loss = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) row[c] = Math.min(Math.max(proba[i * k + c], LOG_LOSS_EPS), hi);
    loss[i] = -Math.log(row[yTrue[i]] / pairwiseSum(row));
  }
  return average(loss, sampleWeight);
}
