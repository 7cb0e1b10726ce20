/**
 * Bins shared by PSI, Jensen–Shannon and Hellinger on numeric columns: cut
 * points at the reference's quantiles (deciles by default), so each bin holds
 * about the same share of the reference.
 */

/**
 * The p-quantile of a sorted sample by linear interpolation between order
 * statistics, as numpy's default (`method='linear'`): position p·(n − 1).
 */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = p * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const frac = pos - lo;
  return frac === 0 ? sorted[lo] : sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
}

/**
 * Inner cut points at the reference's i/bins quantiles, i = 1 … bins−1, with
 * repeats removed (a value that fills several deciles makes one bin). The
 * outer bins are open, so every current value, however far out, lands in a bin.
 *
 * @example
 * ```ts
 * quantileEdges(Float64Array.of(1, 2, 3, 4, 5), 4); // [2, 3, 4]
 * ```
 */
export function quantileEdges(sortedReference: Float64Array, bins: number): number[] {
  if (!Number.isInteger(bins) || bins < 2) throw new RangeError(`bins must be an integer of at least 2, got ${bins}`);
  const edges: number[] = [];
  for (let i = 1; i < bins; i++) {
    const q = quantileSorted(sortedReference, i / bins);
    if (edges.length === 0 || q > edges[edges.length - 1]) edges.push(q);
  }
  return edges;
}

/**
 * Counts of a sorted sample in the bins (−∞, e₁], (e₁, e₂], …, (e_k, ∞):
 * one bin more than there are edges. A value equal to an edge falls in the
 * bin the edge closes.
 */
export function binCountsSorted(sorted: Float64Array, edges: readonly number[]): Float64Array {
  const counts = new Float64Array(edges.length + 1);
  let start = 0;
  for (let b = 0; b < edges.length; b++) {
    const end = upperBound(sorted, edges[b], start);
    counts[b] = end - start;
    start = end;
  }
  counts[edges.length] = sorted.length - start;
  return counts;
}

/** First index at or after `from` whose value is greater than x. */
function upperBound(sorted: Float64Array, x: number, from: number): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The same counts as {@link binCountsSorted} for values in any order, by a
 * binary search over the edges per value: one pass, no sort.
 */
export function binCounts(values: Float64Array, edges: readonly number[]): Float64Array {
  const counts = new Float64Array(edges.length + 1);
  const e = Float64Array.from(edges);
  const k = e.length;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    let lo = 0;
    let hi = k;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (e[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    counts[lo]++;
  }
  return counts;
}
