/**
 * The ranking metrics of a model in one pass per score column: the ROC and
 * precision-recall curves, ROC AUC and average precision share one sort,
 * which is most of their cost. Also the one-vs-rest multiclass forms.
 */
import { averagePrecisionFromCurve, precisionRecallCurveFromCounts, type PrecisionRecallCurve } from './average-precision.js';
import { binaryClfCurve } from './binary-clf-curve.js';
import { checkClassCount, checkClassIndices, checkNonEmpty, checkProba, column, indicator, type Scored } from './inputs.js';
import { pairwiseSum } from './pairwise-sum.js';
import { ONE_CLASS, rocAucFromCurve, rocCurveFromCounts, type RocCurve } from './roc.js';

/** Curves and scores of one binary score column. */
export interface BinaryRanking {
  roc: RocCurve;
  pr: PrecisionRecallCurve;
  rocAuc: Scored;
  averagePrecision: Scored;
}

/**
 * {@link rocCurve}, {@link precisionRecallCurve}, {@link rocAuc} and
 * {@link averagePrecision} of one binary score, from a single sort.
 *
 * @param yTrue 1 for the positive class, 0 for the negative.
 *
 * @example
 * ```ts
 * const r = binaryRanking(new Int32Array([0, 0, 1, 1]), new Float64Array([0.1, 0.4, 0.35, 0.8]));
 * r.rocAuc.value;           // 0.75
 * r.averagePrecision.value; // 0.8333…
 * ```
 */
export function binaryRanking(yTrue: Int32Array, score: Float64Array, sampleWeight?: Float64Array): BinaryRanking {
  const counts = binaryClfCurve(yTrue, score, sampleWeight);
  const roc = rocCurveFromCounts(counts);
  const pr = precisionRecallCurveFromCounts(counts);
  return { roc, pr, rocAuc: rocAucFromCurve(yTrue, roc), averagePrecision: averagePrecisionFromCurve(pr) };
}

/**
 * One-vs-rest macro ROC AUC and average precision of a multiclass model:
 * each class scores its own probability column against all other rows, and
 * the k scores are averaged without weights.
 *
 * - ROC AUC is `roc_auc_score(y, proba, multi_class='ovr', average='macro',
 *   labels=range(k))`. scikit-learn raises when a class is missing from
 *   `yTrue` (its one-vs-rest AUC is undefined) and when rows do not sum to 1.
 *   We return NaN with a warning for the first, and compute anyway with a
 *   warning for the second (the AUC only ranks each column, so the sum does not enter it).
 * - Average precision: scikit-learn 1.2 rejects multiclass targets (1.3 added
 *   them), so we use 1.2's multilabel form, `average_precision_score(
 *   label_binarize(y, classes=range(k)), proba, average='macro')`, which is
 *   what 1.3+ computes when every class is present. A class absent from
 *   `yTrue` scores 0 with a warning, as that form does.
 */
export function ovrRanking(
  yTrue: Int32Array,
  proba: Float64Array,
  k: number,
  sampleWeight?: Float64Array,
): { rocAuc: Scored; averagePrecision: Scored } {
  checkClassCount(k, 2);
  checkNonEmpty(yTrue.length);
  checkClassIndices('yTrue', yTrue, k);
  checkProba(proba, yTrue.length, k);
  const aucWarnings: string[] = [];
  const apWarnings: string[] = [];
  if (!rowsSumToOne(proba, k)) {
    aucWarnings.push('Target scores need to be probabilities for multiclass roc_auc, i.e. they should sum up to 1.0 over classes');
  }
  const auc = new Float64Array(k);
  const ap = new Float64Array(k);
  const missing: number[] = [];
  for (let c = 0; c < k; c++) {
    const r = binaryRanking(indicator(yTrue, c), column(proba, k, c), sampleWeight);
    auc[c] = r.rocAuc.value;
    if (r.rocAuc.warnings.includes(ONE_CLASS)) missing.push(c);
    else aucWarnings.push(...r.rocAuc.warnings);
    ap[c] = r.averagePrecision.value;
    for (const w of r.averagePrecision.warnings) apWarnings.push(`class ${c}: ${w}`);
  }
  if (missing.length > 0) {
    aucWarnings.push(`Only one class present in y_true for class ${missing.join(', ')} one-vs-rest. ROC AUC score is not defined in that case.`);
  }
  return {
    rocAuc: { value: missing.length > 0 ? NaN : pairwiseSum(auc) / k, warnings: aucWarnings },
    averagePrecision: { value: pairwiseSum(ap) / k, warnings: apWarnings },
  };
}

/** One-vs-rest macro ROC AUC; see {@link ovrRanking}. */
export function rocAucOvr(yTrue: Int32Array, proba: Float64Array, k: number, sampleWeight?: Float64Array): Scored {
  return ovrRanking(yTrue, proba, k, sampleWeight).rocAuc;
}

/** One-vs-rest macro average precision; see {@link ovrRanking}. */
export function averagePrecisionOvr(yTrue: Int32Array, proba: Float64Array, k: number, sampleWeight?: Float64Array): Scored {
  return ovrRanking(yTrue, proba, k, sampleWeight).averagePrecision;
}

/** `np.allclose(1, proba.sum(axis=1))`: |1 − s| ≤ 1e-8 + 1e-5·|s| for every row. */
function rowsSumToOne(proba: Float64Array, k: number): boolean {
  for (let i = 0; i < proba.length; i += k) {
    const s = pairwiseSum(proba, i, k);
    if (!(Math.abs(1 - s) <= 1e-8 + 1e-5 * Math.abs(s))) return false;
  }
  return true;
}
