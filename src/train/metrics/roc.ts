/**
 * The ROC curve and ROC AUC, as scikit-learn 1.2's `roc_curve`
 * (`drop_intermediate=True`) and `roc_auc_score`.
 */
import { binaryClfCurve, type BinaryClfCurve } from './binary-clf-curve.js';
import { checkNonEmpty, type Scored } from './inputs.js';
import { pairwiseSum } from './pairwise-sum.js';

/** A ROC curve from (0, 0) to (1, 1), thresholds decreasing. */
export interface RocCurve {
  fpr: Float64Array;
  tpr: Float64Array;
  /** `thresholds[0]` is the highest score + 1 (scikit-learn 1.2; 1.3 moved to +∞). */
  thresholds: Float64Array;
  warnings: string[];
}

/**
 * The ROC curve of a binary score. Points that lie on a straight segment
 * between their neighbours are dropped (`drop_intermediate=True`), and a
 * point (0, 0) is prepended. With no negatives (or no positives) the false
 * (true) positive rates are all NaN, with scikit-learn's warning.
 *
 * @param yTrue 1 for the positive class, 0 for the negative.
 *
 * @example
 * ```ts
 * rocCurve(new Int32Array([0, 0, 1, 1]), new Float64Array([0.1, 0.4, 0.35, 0.8]));
 * // fpr [0, 0, 0.5, 0.5, 1], tpr [0, 0.5, 0.5, 1, 1], thresholds [1.8, 0.8, 0.4, 0.35, 0.1]
 * ```
 */
export function rocCurve(yTrue: Int32Array, score: Float64Array, sampleWeight?: Float64Array): RocCurve {
  return rocCurveFromCounts(binaryClfCurve(yTrue, score, sampleWeight));
}

/** The ROC curve from the counts of {@link binaryClfCurve}, so one sort can serve several metrics. */
export function rocCurveFromCounts(counts: BinaryClfCurve): RocCurve {
  let { fps, tps, thresholds } = counts;
  if (fps.length > 2) {
    // Keep a point only where the second difference of fps or tps is non-zero: a corner.
    const keep = new Int32Array(fps.length);
    let kept = 0;
    keep[kept++] = 0;
    for (let i = 1; i < fps.length - 1; i++) {
      const dfps = fps[i + 1] - fps[i] - (fps[i] - fps[i - 1]);
      const dtps = tps[i + 1] - tps[i] - (tps[i] - tps[i - 1]);
      if (dfps !== 0 || dtps !== 0) keep[kept++] = i;
    }
    keep[kept++] = fps.length - 1;
    fps = gather(fps, keep, kept);
    tps = gather(tps, keep, kept);
    thresholds = gather(thresholds, keep, kept);
  }
  const m = fps.length + 1;
  const warnings: string[] = [];
  const fpr = rates(fps, warnings, 'No negative samples in y_true, false positive value should be meaningless');
  const tpr = rates(tps, warnings, 'No positive samples in y_true, true positive value should be meaningless');
  const th = new Float64Array(m);
  th[0] = thresholds[0] + 1;
  th.set(thresholds, 1);
  return { fpr, tpr, thresholds: th, warnings };
}

function gather(values: Float64Array, at: Int32Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) out[j] = values[at[j]];
  return out;
}

/** Counts with a leading 0, divided by their last value, or all NaN when that is not positive. */
function rates(counts: Float64Array, warnings: string[], warning: string): Float64Array {
  const out = new Float64Array(counts.length + 1);
  const last = counts[counts.length - 1];
  if (last <= 0) {
    warnings.push(warning);
    return out.fill(NaN);
  }
  for (let i = 0; i < counts.length; i++) out[i + 1] = counts[i] / last;
  return out;
}

/**
 * The area under a curve by the trapezoidal rule, as `sklearn.metrics.auc`
 * (NumPy's `trapz`): x may be increasing or decreasing.
 */
export function trapezoid(x: Float64Array, y: Float64Array): number {
  const terms = new Float64Array(x.length - 1);
  let anyDown = false;
  let allDown = true;
  for (let i = 0; i < terms.length; i++) {
    const dx = x[i + 1] - x[i];
    if (dx < 0) anyDown = true;
    if (dx > 0) allDown = false;
    terms[i] = (dx * (y[i + 1] + y[i])) / 2;
  }
  const area = pairwiseSum(terms);
  if (!anyDown) return area;
  if (allDown) return -area;
  throw new RangeError('x is neither increasing nor decreasing');
}

/**
 * Binary ROC AUC, as `roc_auc_score(y_true, score, sample_weight=w)`. Tied
 * scores count half (the curve moves diagonally through a tie group).
 *
 * With only one class present in `yTrue` the AUC is undefined and
 * scikit-learn raises; we return NaN with its message as a warning instead,
 * so that one degenerate CV fold does not abort a whole run.
 *
 * @param yTrue 1 for the positive class, 0 for the negative.
 *
 * @example
 * ```ts
 * rocAuc(new Int32Array([0, 0, 1, 1]), new Float64Array([0.1, 0.4, 0.35, 0.8])).value; // 0.75
 * ```
 */
export function rocAuc(yTrue: Int32Array, score: Float64Array, sampleWeight?: Float64Array): Scored {
  checkNonEmpty(yTrue.length);
  if (!bothClasses(yTrue)) return { value: NaN, warnings: [ONE_CLASS] };
  return rocAucFromCurve(yTrue, rocCurve(yTrue, score, sampleWeight));
}

/** {@link rocAuc} from an already computed ROC curve of the same rows. */
export function rocAucFromCurve(yTrue: Int32Array, curve: RocCurve): Scored {
  if (!bothClasses(yTrue)) return { value: NaN, warnings: [ONE_CLASS] };
  return { value: trapezoid(curve.fpr, curve.tpr), warnings: curve.warnings };
}

/** scikit-learn's message when the AUC is undefined. */
export const ONE_CLASS = 'Only one class present in y_true. ROC AUC score is not defined in that case.';

/** Whether both 0 and 1 occur; counted before zero-weight rows are dropped, as sklearn's np.unique check is. */
function bothClasses(yTrue: Int32Array): boolean {
  let pos = false;
  let neg = false;
  for (let i = 0; i < yTrue.length && !(pos && neg); i++) {
    if (yTrue[i] === 1) pos = true;
    else neg = true;
  }
  return pos && neg;
}
