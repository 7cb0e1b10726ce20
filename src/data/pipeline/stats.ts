/**
 * Order statistics on Float64Arrays, matching NumPy's definitions so fitted
 * values agree with scikit-learn: `quantile` is `np.percentile(…, 'linear')`
 * and `median` is `np.median` (the mean of the two middle values).
 */

/** The non-missing values, sorted ascending, in a new array. */
export function sortedPresent(values: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) n++;
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) out[j++] = values[i];
  return out.sort();
}

/**
 * The q-quantile (0 ≤ q ≤ 1) of sorted values by linear interpolation, or
 * NaN when there are none. The interpolation is written as NumPy's `_lerp`
 * (from the upper end when t ≥ 0.5) so results agree to the last bit.
 */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const t = pos - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** The median of sorted values (NumPy's definition), or NaN when empty. */
export function medianSorted(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const m = n >> 1;
  return n % 2 === 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

/**
 * The median of the non-missing values (NumPy's definition) without a full
 * sort: a quickselect on a copy, O(n) on average. NaN when there are none.
 */
export function medianOf(values: Float64Array): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) n++;
  if (n === 0) return NaN;
  const a = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) a[j++] = values[i];
  const m = n >> 1;
  select(a, m);
  if (n % 2 === 1) return a[m];
  // After selection everything left of m is ≤ a[m]; the largest of it is the other middle value.
  let lower = -Infinity;
  for (let i = 0; i < m; i++) if (a[i] > lower) lower = a[i];
  return (lower + a[m]) / 2;
}

/**
 * Rearranges `a` so a[k] is the value a full sort would put there, with
 * nothing larger before it. Hoare partitions around a median-of-three
 * pivot; past a depth budget it sorts the remaining range, which bounds the
 * worst case at O(n log n) on adversarial input.
 */
function select(a: Float64Array, k: number): void {
  let left = 0;
  let right = a.length - 1;
  let budget = 2 * Math.ceil(Math.log2(a.length + 1)) + 8;
  while (right > left) {
    if (budget-- === 0) {
      a.subarray(left, right + 1).sort();
      return;
    }
    const x = a[left];
    const y = a[(left + right) >>> 1];
    const z = a[right];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i++] = a[j];
        a[j--] = t;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

/**
 * The most frequent of sorted values; ties go to the smallest value, as in
 * scikit-learn's SimpleImputer. NaN when empty.
 */
export function modeSorted(sorted: Float64Array): number {
  let best = NaN;
  let bestCount = 0;
  let i = 0;
  while (i < sorted.length) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    if (j - i > bestCount) {
      bestCount = j - i;
      best = sorted[i];
    }
    i = j;
  }
  return best;
}

/** Mean and population variance (ddof 0) of the non-missing values, two-pass for accuracy. */
export function meanVar(values: Float64Array): { mean: number; variance: number; count: number } {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) {
      sum += v;
      count++;
    }
  }
  if (count === 0) return { mean: NaN, variance: NaN, count };
  const mean = sum / count;
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - mean;
    if (d === d) ss += d * d;
  }
  return { mean, variance: ss / count, count };
}
