/**
 * The confusion matrix, as `sklearn.metrics.confusion_matrix(y_true, y_pred,
 * labels=range(k), sample_weight=w)`: rows are true classes, columns are
 * predicted classes, and cells hold (weighted) counts.
 */
import { checkClassCount, checkClassIndices, checkLength, checkWeights } from './inputs.js';

/**
 * The k × k confusion matrix, row-major: `cm[t * k + p]` is the weight of rows
 * whose true class is `t` and predicted class is `p`.
 *
 * @example
 * ```ts
 * confusionMatrix(new Int32Array([0, 1, 1]), new Int32Array([0, 0, 1]), 2);
 * // Float64Array [1, 0, 1, 1]
 * ```
 */
export function confusionMatrix(
  yTrue: Int32Array,
  yPred: Int32Array,
  k: number,
  sampleWeight?: Float64Array,
): Float64Array {
  checkClassCount(k, 1);
  checkLength('yPred', yPred, yTrue.length);
  checkClassIndices('yTrue', yTrue, k);
  checkClassIndices('yPred', yPred, k);
  checkWeights(sampleWeight, yTrue.length);
  const cm = new Float64Array(k * k);
  for (let i = 0; i < yTrue.length; i++) cm[yTrue[i] * k + yPred[i]] += sampleWeight ? sampleWeight[i] : 1;
  return cm;
}

/** A row-major k × k matrix as nested arrays, the form JSON output wants. */
export function matrixRows(cm: Float64Array, k: number): number[][] {
  const rows: number[][] = [];
  for (let t = 0; t < k; t++) rows.push(Array.from(cm.subarray(t * k, (t + 1) * k)));
  return rows;
}

/**
 * The sorted classes present in `yTrue` or `yPred`, as
 * `sklearn.utils.multiclass.unique_labels` finds them. Set-wise metrics
 * (balanced accuracy, macro and weighted averages) use these labels rather
 * than all k, because that is what scikit-learn does when `labels` is not passed.
 */
export function presentLabels(yTrue: Int32Array, yPred: Int32Array, k: number): number[] {
  const seen = new Uint8Array(k);
  for (let i = 0; i < yTrue.length; i++) seen[yTrue[i]] = 1;
  for (let i = 0; i < yPred.length; i++) seen[yPred[i]] = 1;
  const out: number[] = [];
  for (let c = 0; c < k; c++) if (seen[c]) out.push(c);
  return out;
}
