/**
 * Precision, recall and F1 as `sklearn.metrics.precision_score`,
 * `recall_score` and `f1_score` (scikit-learn 1.2, `zero_division="warn"`).
 */
import { LatheError } from '../../errors.js';
import { presentLabels } from './confusion-matrix.js';
import { checkClassCount, checkClassIndices, checkLength, checkNonEmpty, checkWeights } from './inputs.js';
import { average as npAverage, pairwiseSum } from './pairwise-sum.js';

/**
 * How per-class scores are combined:
 * - `binary`: the score of the positive class alone;
 * - `macro`: the unweighted mean over the classes present in `yTrue` or `yPred`;
 * - `weighted`: that mean weighted by each class's (weighted) true count.
 */
export type Average = 'binary' | 'macro' | 'weighted';

/** Options of {@link precisionRecallF1}. */
export interface PrecisionRecallF1Options {
  average: Average;
  sampleWeight?: Float64Array;
  /** The positive class for `average: 'binary'`; default 1, as in scikit-learn. */
  posLabel?: number;
}

/** The three scores, and the warnings scikit-learn raises computing each. */
export interface PrecisionRecallF1 {
  precision: number;
  recall: number;
  f1: number;
  warnings: string[];
}

/**
 * Precision, recall and F1 for one averaging mode. A class with no predicted
 * rows has precision 0, and one with no true rows has recall 0, each with
 * scikit-learn's UndefinedMetricWarning text (less its hint about the
 * `zero_division` parameter, which Lathe does not have). F1 is 0 whenever
 * precision + recall is 0, and warns only when a class has neither true nor
 * predicted rows, exactly as `f1_score` does in 1.2.
 *
 * @example
 * ```ts
 * const y = new Int32Array([0, 1, 1, 0]);
 * const p = new Int32Array([0, 1, 0, 0]);
 * precisionRecallF1(y, p, 2, { average: 'binary' }); // { precision: 1, recall: 0.5, f1: 2/3, warnings: [] }
 * ```
 */
export function precisionRecallF1(
  yTrue: Int32Array,
  yPred: Int32Array,
  k: number,
  options: PrecisionRecallF1Options,
): PrecisionRecallF1 {
  const { average, sampleWeight } = options;
  checkClassCount(k, 1);
  checkNonEmpty(yTrue.length);
  checkLength('yPred', yPred, yTrue.length);
  checkClassIndices('yTrue', yTrue, k);
  checkClassIndices('yPred', yPred, k);
  checkWeights(sampleWeight, yTrue.length);
  const labels = setWiseLabels(yTrue, yPred, k, average, options.posLabel ?? 1);
  const { tp, predSum, trueSum } = sufficientStats(yTrue, yPred, k, labels, sampleWeight);
  const m = labels.length;
  const precision = divide(tp, predSum);
  const recall = divide(tp, trueSum);
  const f1 = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const denom = precision[j] + recall[j];
    f1[j] = (2 * precision[j] * recall[j]) / (denom === 0 ? 1 : denom);
  }
  const warnings: string[] = [];
  const where = m === 1 ? 'due to' : 'in labels with';
  if (predSum.some((s) => s === 0)) warnings.push(`Precision is ill-defined and being set to 0.0 ${where} no predicted samples.`);
  if (trueSum.some((s) => s === 0)) warnings.push(`Recall is ill-defined and being set to 0.0 ${where} no true samples.`);
  if (trueSum.some((s, j) => s === 0 && predSum[j] === 0)) {
    warnings.push(`F-score is ill-defined and being set to 0.0 ${where} no true nor predicted samples.`);
  }
  if (average === 'weighted') {
    // scikit-learn's special case: no true rows in any class at all.
    if (pairwiseSum(trueSum) === 0) return { precision: 0, recall: 0, f1: 0, warnings };
    return { precision: npAverage(precision, trueSum), recall: npAverage(recall, trueSum), f1: npAverage(f1, trueSum), warnings };
  }
  return { precision: npAverage(precision), recall: npAverage(recall), f1: npAverage(f1), warnings };
}

/** `_check_set_wise_labels`: the labels a given averaging mode scores. */
function setWiseLabels(yTrue: Int32Array, yPred: Int32Array, k: number, average: Average, posLabel: number): number[] {
  const present = presentLabels(yTrue, yPred, k);
  if (average !== 'binary') return present;
  if (present.length > 2) {
    throw new LatheError('BAD_INPUT', `average 'binary' needs at most 2 classes, found ${present.length}`, {
      hint: "use average 'macro' or 'weighted' for multiclass targets",
    });
  }
  if (present.length === 2 && !present.includes(posLabel)) {
    throw new LatheError('BAD_INPUT', `positive class ${posLabel} is not one of ${present.join(', ')}`, {
      hint: 'pick a positive class that occurs in the data',
    });
  }
  return [posLabel];
}

/**
 * Per-label true-positive, predicted and true totals, accumulated in row order
 * as `multilabel_confusion_matrix` does with `np.bincount`. The sums are then
 * rebuilt as `tp + fp` and `tp + fn`, as scikit-learn does, because with float
 * weights that can differ from the direct total in the last bit.
 */
function sufficientStats(
  yTrue: Int32Array,
  yPred: Int32Array,
  k: number,
  labels: number[],
  w: Float64Array | undefined,
): { tp: Float64Array; predSum: Float64Array; trueSum: Float64Array } {
  const tpAll = new Float64Array(k);
  const predAll = new Float64Array(k);
  const trueAll = new Float64Array(k);
  for (let i = 0; i < yTrue.length; i++) {
    const wi = w ? w[i] : 1;
    if (yTrue[i] === yPred[i]) tpAll[yTrue[i]] += wi;
    predAll[yPred[i]] += wi;
    trueAll[yTrue[i]] += wi;
  }
  const m = labels.length;
  const tp = new Float64Array(m);
  const predSum = new Float64Array(m);
  const trueSum = new Float64Array(m);
  labels.forEach((c, j) => {
    tp[j] = tpAll[c];
    predSum[j] = tpAll[c] + (predAll[c] - tpAll[c]);
    trueSum[j] = tpAll[c] + (trueAll[c] - tpAll[c]);
  });
  return { tp, predSum, trueSum };
}

/** `_prf_divide` with `zero_division="warn"`: x / 0 becomes 0. */
function divide(num: Float64Array, den: Float64Array): Float64Array {
  const out = new Float64Array(num.length);
  for (let j = 0; j < num.length; j++) out[j] = den[j] === 0 ? 0 : num[j] / den[j];
  return out;
}
