/**
 * The counting core of the ROC and precision-recall curves: scikit-learn 1.2's
 * private `_binary_clf_curve`, reproduced step for step so that curves, ROC
 * AUC and average precision tie-break and round the way scikit-learn does.
 */
import { descendingOrder } from './descending-order.js';
import { checkFinite, checkLength, checkNonEmpty, checkWeights } from './inputs.js';

/** False and true positives at each distinct score, highest score first. */
export interface BinaryClfCurve {
  /** (Weighted) negatives scoring ≥ each threshold. */
  fps: Float64Array;
  /** (Weighted) positives scoring ≥ each threshold. */
  tps: Float64Array;
  /** The distinct scores, decreasing. */
  thresholds: Float64Array;
}

/**
 * Counts positives and negatives at or above each distinct score.
 *
 * - Rows with zero weight are dropped first, as in scikit-learn.
 * - Tied scores share one threshold: the counts jump by the whole tie group at
 *   once, which is what makes the ROC AUC count a tie as half a win.
 * - Rows are visited in the order of a stable ascending sort reversed
 *   (descending score, later rows first within a tie; see
 *   {@link descendingOrder}), which only matters for the rounding of weighted
 *   sums but keeps them bit-identical to NumPy's.
 *
 * @param yTrue 1 for the positive class, 0 for the negative.
 * @param score higher means more likely positive.
 */
export function binaryClfCurve(yTrue: Int32Array, score: Float64Array, sampleWeight?: Float64Array): BinaryClfCurve {
  checkNonEmpty(yTrue.length);
  checkLength('score', score, yTrue.length);
  checkFinite('score', score);
  checkWeights(sampleWeight, yTrue.length);
  const order = descendingOrder(score, sampleWeight);
  const m = order.length;
  // At most one threshold per row; trimmed once the distinct scores are counted.
  const fps = new Float64Array(m);
  const tps = new Float64Array(m);
  const thresholds = new Float64Array(m);
  let tp = 0;
  let fp = 0;
  let e = 0;
  for (let j = 0; j < m; j++) {
    const i = order[j];
    const s = score[i];
    // A new threshold starts where the sorted score changes (np.diff != 0); each keeps its group's running totals.
    if (j > 0 && s !== thresholds[e]) e++;
    const wi = sampleWeight ? sampleWeight[i] : 1;
    // Both sums are running cumsums, as `stable_cumsum` computes them.
    if (yTrue[i] === 1) tp += wi;
    else fp += wi;
    tps[e] = tp;
    // Unweighted, scikit-learn derives fps as 1 + index - tps; with unit counts that is the same integer.
    fps[e] = sampleWeight ? fp : 1 + j - tp;
    thresholds[e] = s;
  }
  e++;
  return { fps: fps.slice(0, e), tps: tps.slice(0, e), thresholds: thresholds.slice(0, e) };
}
