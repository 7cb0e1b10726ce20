/**
 * Accuracy and balanced accuracy with scikit-learn 1.2's definitions.
 */
import { confusionMatrix, presentLabels } from './confusion-matrix.js';
import { checkClassCount, checkClassIndices, checkLength, checkNonEmpty, checkWeights, type Scored } from './inputs.js';
import { average, pairwiseSum } from './pairwise-sum.js';

/**
 * The (weighted) fraction of rows whose predicted class is the true class:
 * `sklearn.metrics.accuracy_score(y_true, y_pred, sample_weight=w)`.
 *
 * @example
 * ```ts
 * accuracy(new Int32Array([0, 1, 1]), new Int32Array([0, 0, 1])); // 2 / 3
 * ```
 */
export function accuracy(yTrue: Int32Array, yPred: Int32Array, sampleWeight?: Float64Array): number {
  checkNonEmpty(yTrue.length);
  checkLength('yPred', yPred, yTrue.length);
  checkWeights(sampleWeight, yTrue.length);
  const hit = new Float64Array(yTrue.length);
  for (let i = 0; i < yTrue.length; i++) hit[i] = yTrue[i] === yPred[i] ? 1 : 0;
  return average(hit, sampleWeight);
}

/**
 * The mean recall over classes:
 * `sklearn.metrics.balanced_accuracy_score(y_true, y_pred, sample_weight=w)`.
 *
 * Only classes present in `yTrue` or `yPred` take part, as in scikit-learn.
 * A class that is predicted but has no (weighted) true rows has an undefined
 * recall; scikit-learn drops it from the mean and warns, and so do we.
 *
 * @example
 * ```ts
 * balancedAccuracy(new Int32Array([0, 1, 0, 0, 1, 0]), new Int32Array([0, 1, 0, 0, 0, 1]), 2).value; // 0.625
 * ```
 */
export function balancedAccuracy(yTrue: Int32Array, yPred: Int32Array, k: number, sampleWeight?: Float64Array): Scored {
  checkClassCount(k, 1);
  checkNonEmpty(yTrue.length);
  checkLength('yPred', yPred, yTrue.length);
  checkClassIndices('yTrue', yTrue, k);
  checkClassIndices('yPred', yPred, k);
  const cm = confusionMatrix(yTrue, yPred, k, sampleWeight);
  const labels = presentLabels(yTrue, yPred, k);
  const perClass: number[] = [];
  const warnings: string[] = [];
  const row = new Float64Array(labels.length);
  for (const t of labels) {
    labels.forEach((p, j) => (row[j] = cm[t * k + p]));
    const support = pairwiseSum(row);
    // 0 / 0 is NaN in NumPy; scikit-learn filters those classes out after warning once.
    if (support === 0) continue;
    perClass.push(cm[t * k + t] / support);
  }
  if (perClass.length < labels.length) warnings.push('y_pred contains classes not in y_true');
  return { value: pairwiseSum(perClass) / perClass.length, warnings };
}
