/**
 * The calibration (reliability) table of a binary classifier, as scikit-learn
 * 1.2's `calibration_curve(y_true, p1, n_bins=10, strategy='uniform')` with the
 * row count of each bin added.
 */
import { LatheError } from '../../errors.js';
import { checkNonEmpty, checkProba } from './inputs.js';

/** One non-empty bin of the calibration table. */
export interface CalibrationBin {
  /** Bin index in [0, nBins). */
  bin: number;
  /** Lower edge; the bin holds p in (lower, upper], the first one also p = 0. */
  lower: number;
  upper: number;
  /** Mean predicted probability of the bin's rows (`prob_pred`). */
  mean_predicted: number;
  /** Fraction of the bin's rows that are positive (`prob_true`). */
  fraction_positive: number;
  /** Rows in the bin. */
  count: number;
}

/**
 * Splits [0, 1] into `nBins` equal bins and reports, for each bin holding at
 * least one row, the mean predicted probability, the observed fraction of
 * positives and the row count. Empty bins are left out, as scikit-learn does.
 *
 * Edges are `np.linspace(0, 1, nBins + 1)` (i / nBins computed as i × step,
 * so 0.30000000000000004 for 10 bins), and a probability equal to an inner
 * edge falls in the lower bin (`np.searchsorted(..., side='left')`).
 *
 * Rows are counted without sample weights: `calibration_curve` takes none.
 *
 * @param yTrue 1 for the positive class, 0 for the negative.
 * @param p1 the probability of the positive class per row.
 *
 * @example
 * ```ts
 * calibrationTable(new Int32Array([0, 1, 1]), new Float64Array([0.05, 0.95, 0.9]));
 * // [{ bin: 0, …, mean_predicted: 0.05, fraction_positive: 0, count: 1 },
 * //  { bin: 8, …, mean_predicted: 0.9, fraction_positive: 1, count: 1 },
 * //  { bin: 9, …, mean_predicted: 0.95, fraction_positive: 1, count: 1 }]
 * ```
 */
export function calibrationTable(yTrue: Int32Array, p1: Float64Array, nBins = 10): CalibrationBin[] {
  if (!Number.isInteger(nBins) || nBins < 1) {
    throw new LatheError('BAD_INPUT', `nBins = ${nBins}`, { hint: 'nBins must be an integer ≥ 1' });
  }
  const n = yTrue.length;
  checkNonEmpty(n);
  checkProba(p1, n, 1);
  const edges = linspaceUnit(nBins);
  const sums = new Float64Array(nBins);
  const trues = new Float64Array(nBins);
  const counts = new Int32Array(nBins);
  for (let i = 0; i < n; i++) {
    const b = searchLeft(edges, p1[i]);
    sums[b] += p1[i];
    trues[b] += yTrue[i] === 1 ? 1 : 0;
    counts[b]++;
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < nBins; b++) {
    if (counts[b] === 0) continue;
    out.push({
      bin: b,
      lower: edges[b],
      upper: edges[b + 1],
      mean_predicted: sums[b] / counts[b],
      fraction_positive: trues[b] / counts[b],
      count: counts[b],
    });
  }
  return out;
}

/** `np.linspace(0, 1, nBins + 1)`: i × (1 / nBins), with the last edge set to exactly 1. */
function linspaceUnit(nBins: number): Float64Array {
  const step = 1 / nBins;
  const edges = new Float64Array(nBins + 1);
  for (let i = 0; i < nBins; i++) edges[i] = i * step;
  edges[nBins] = 1;
  return edges;
}

/** The bin of p: how many inner edges lie strictly below it. */
function searchLeft(edges: Float64Array, p: number): number {
  let lo = 0;
  let hi = edges.length - 2;
  // Binary search over the inner edges edges[1 .. nBins - 1].
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid + 1] < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
