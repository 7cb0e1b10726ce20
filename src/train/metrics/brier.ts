/**
 * Brier scores: scikit-learn 1.2's `brier_score_loss` for binary targets, and
 * the multiclass Brier score for more classes, which scikit-learn 1.2 does not
 * offer (its `brier_score_loss` rejects multiclass targets).
 */
import { checkClassCount, checkClassIndices, checkNonEmpty, checkProba, checkWeights } from './inputs.js';
import { average, pairwiseSum } from './pairwise-sum.js';

/**
 * Binary Brier score: the (weighted) mean of (p₁ − y)², where p₁ is the
 * probability of the positive class (index 1) and y is 1 for positives, as
 * `brier_score_loss(y_true, proba[:, 1], sample_weight=w)`. In [0, 1]; lower is better.
 *
 * @param yTrue 1 for the positive class, 0 for the negative.
 * @param p1 the probability of the positive class per row.
 *
 * @example
 * ```ts
 * brierBinary(new Int32Array([0, 1, 1, 0]), new Float64Array([0.1, 0.9, 0.8, 0.3])); // ≈ 0.0375
 * ```
 */
export function brierBinary(yTrue: Int32Array, p1: Float64Array, sampleWeight?: Float64Array): number {
  const n = yTrue.length;
  checkNonEmpty(n);
  checkProba(p1, n, 1);
  checkWeights(sampleWeight, n);
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = (yTrue[i] === 1 ? 1 : 0) - p1[i];
    sq[i] = d * d;
  }
  return average(sq, sampleWeight);
}

/**
 * Multiclass Brier score (Brier's original 1950 definition): the (weighted)
 * mean over rows of Σ_c (p_c − [y = c])². In [0, 2]; lower is better. For two
 * classes it is twice the binary score, which is why binary tasks report
 * {@link brierBinary} instead.
 *
 * In NumPy: `np.average(((proba - np.eye(k)[y]) ** 2).sum(axis=1), weights=w)`.
 */
export function brierMulticlass(yTrue: Int32Array, proba: Float64Array, k: number, sampleWeight?: Float64Array): number {
  checkClassCount(k, 2);
  const n = yTrue.length;
  checkNonEmpty(n);
  checkClassIndices('yTrue', yTrue, k);
  checkProba(proba, n, k);
  checkWeights(sampleWeight, n);
  const row = new Float64Array(k);
  const perRow = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const d = proba[i * k + c] - (yTrue[i] === c ? 1 : 0);
      row[c] = d * d;
    }
    perRow[i] = pairwiseSum(row);
  }
  return average(perRow, sampleWeight);
}
