/**
 * The precision-recall curve and average precision, as scikit-learn 1.2's
 * `precision_recall_curve` and `average_precision_score`.
 */
import { binaryClfCurve, type BinaryClfCurve } from './binary-clf-curve.js';
import type { Scored } from './inputs.js';
import { pairwiseSum } from './pairwise-sum.js';

/** A precision-recall curve, thresholds increasing and recall decreasing. */
export interface PrecisionRecallCurve {
  /** One more entry than `thresholds`: the last is 1 by convention. */
  precision: Float64Array;
  /** One more entry than `thresholds`: the last is 0 by convention. */
  recall: Float64Array;
  thresholds: Float64Array;
  warnings: string[];
}

/**
 * The precision-recall curve of a binary score, one point per distinct score
 * (1.2 keeps every threshold, including those past full recall). Precision
 * is 0 where nothing is predicted positive. With no positives recall is set
 * to 1 everywhere, with scikit-learn's warning.
 *
 * @param yTrue 1 for the positive class, 0 for the negative.
 *
 * @example
 * ```ts
 * precisionRecallCurve(new Int32Array([0, 0, 1, 1]), new Float64Array([0.1, 0.4, 0.35, 0.8]));
 * // precision [0.5, 2/3, 0.5, 1, 1], recall [1, 1, 0.5, 0.5, 0], thresholds [0.1, 0.35, 0.4, 0.8]
 * ```
 */
export function precisionRecallCurve(yTrue: Int32Array, score: Float64Array, sampleWeight?: Float64Array): PrecisionRecallCurve {
  return precisionRecallCurveFromCounts(binaryClfCurve(yTrue, score, sampleWeight));
}

/** The precision-recall curve from the counts of {@link binaryClfCurve}, so one sort can serve several metrics. */
export function precisionRecallCurveFromCounts(counts: BinaryClfCurve): PrecisionRecallCurve {
  const { fps, tps, thresholds } = counts;
  const m = tps.length;
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const th = new Float64Array(m);
  const warnings: string[] = [];
  const allTp = tps[m - 1];
  if (allTp === 0) warnings.push('No positive class found in y_true, recall is set to one for all thresholds.');
  // scikit-learn computes in decreasing-score order and then reverses all three arrays.
  for (let j = 0; j < m; j++) {
    const ps = tps[j] + fps[j];
    precision[m - 1 - j] = ps !== 0 ? tps[j] / ps : 0;
    recall[m - 1 - j] = allTp === 0 ? 1 : tps[j] / allTp;
    th[m - 1 - j] = thresholds[j];
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds: th, warnings };
}

/**
 * Average precision, the step-wise (not interpolated) area under the
 * precision-recall curve: Σₙ (Rₙ − Rₙ₋₁) Pₙ, as
 * `average_precision_score(y_true, score, sample_weight=w)`. With no positives
 * it is 0, with the curve's warning, as scikit-learn 1.2 returns.
 *
 * @param yTrue 1 for the positive class, 0 for the negative.
 *
 * @example
 * ```ts
 * averagePrecision(new Int32Array([0, 0, 1, 1]), new Float64Array([0.1, 0.4, 0.35, 0.8])).value; // 0.8333…
 * ```
 */
export function averagePrecision(yTrue: Int32Array, score: Float64Array, sampleWeight?: Float64Array): Scored {
  return averagePrecisionFromCurve(precisionRecallCurve(yTrue, score, sampleWeight));
}

/** {@link averagePrecision} from an already computed precision-recall curve. */
export function averagePrecisionFromCurve(curve: PrecisionRecallCurve): Scored {
  const { precision, recall, warnings } = curve;
  const terms = new Float64Array(recall.length - 1);
  for (let j = 0; j < terms.length; j++) terms[j] = (recall[j + 1] - recall[j]) * precision[j];
  // `+ 0` turns NumPy's -0.0 (from negating an all-zero sum) into 0.
  return { value: -pairwiseSum(terms) + 0, warnings };
}
