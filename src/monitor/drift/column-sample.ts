import type { Column } from '../../core/index.js';

/** A numeric column's present values, sorted ascending. */
export interface NumericSample {
  kind: 'numeric';
  rows: number;
  missing: number;
  sorted: Float64Array;
}

/** A categorical column's counts per label (labels unique, in first-seen dictionary order). */
export interface CategoricalSample {
  kind: 'categorical';
  rows: number;
  missing: number;
  labels: string[];
  counts: Float64Array;
}

/** What the drift tests read from one column of one frame. */
export type ColumnSample = NumericSample | CategoricalSample;

/**
 * Reads a Frame column into a {@link ColumnSample}. NaN (and ±Infinity, on
 * which no distance is defined) count as missing in numeric columns; code −1
 * in dictionary columns. The numeric values are copied and sorted once here:
 * KS, Wasserstein and the quantile bins all walk the sorted arrays.
 */
export function sampleColumn(column: Column): ColumnSample {
  if ('codes' in column) {
    const counts = new Float64Array(column.dictionary.length);
    let missing = 0;
    const codes = column.codes;
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      if (c < 0) missing++;
      else counts[c]++;
    }
    return mergeDuplicateLabels({ kind: 'categorical', rows: codes.length, missing, labels: [...column.dictionary], counts });
  }
  const v = column.values;
  const out = new Float64Array(v.length);
  let k = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    // x − x is NaN exactly for NaN and ±Infinity.
    if (x - x === 0) out[k++] = x;
  }
  const sorted = k === v.length ? out : out.slice(0, k);
  sorted.sort();
  return { kind: 'numeric', rows: v.length, missing: v.length - k, sorted };
}

/** The number of distinct values in a sorted array, counting no further than `cap + 1`. */
export function distinctSorted(sorted: Float64Array, cap: number): number {
  let n = 0;
  for (let i = 0; i < sorted.length && n <= cap; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) n++;
  return n;
}

/** A numeric sample as categories, one per distinct value, labelled as JavaScript prints the number. */
export function numericAsCategories(s: NumericSample): CategoricalSample {
  const labels: string[] = [];
  const counts: number[] = [];
  const v = s.sorted;
  for (let i = 0; i < v.length; i++) {
    if (i === 0 || v[i] !== v[i - 1]) {
      labels.push(String(v[i]));
      counts.push(0);
    }
    counts[counts.length - 1]++;
  }
  return { kind: 'categorical', rows: s.rows, missing: s.missing, labels, counts: Float64Array.from(counts) };
}

/** Dictionaries are unique in practice; two codes with one label are summed so labels can key maps. */
function mergeDuplicateLabels(s: CategoricalSample): CategoricalSample {
  const seen = new Map<string, number>();
  const labels: string[] = [];
  const counts: number[] = [];
  for (let i = 0; i < s.labels.length; i++) {
    const at = seen.get(s.labels[i]);
    if (at === undefined) {
      seen.set(s.labels[i], labels.length);
      labels.push(s.labels[i]);
      counts.push(s.counts[i]);
    } else {
      counts[at] += s.counts[i];
    }
  }
  return labels.length === s.labels.length ? s : { ...s, labels, counts: Float64Array.from(counts) };
}

/**
 * Two categorical samples on one shared list of categories, matched by label
 * (two frames' dictionaries number their labels differently): the
 * reference's labels first, then labels only the current has. Labels with no
 * rows on either side are dropped.
 */
export function alignCategories(ref: CategoricalSample, cur: CategoricalSample): { labels: string[]; ref: Float64Array; cur: Float64Array } {
  const index = new Map<string, number>();
  const labels: string[] = [];
  for (const l of ref.labels) {
    index.set(l, labels.length);
    labels.push(l);
  }
  for (const l of cur.labels) {
    if (!index.has(l)) {
      index.set(l, labels.length);
      labels.push(l);
    }
  }
  const r = new Float64Array(labels.length);
  const c = new Float64Array(labels.length);
  ref.labels.forEach((l, i) => (r[index.get(l)!] += ref.counts[i]));
  cur.labels.forEach((l, i) => (c[index.get(l)!] += cur.counts[i]));
  // A dictionary entry neither side uses is no category: it would add a chi-square degree of freedom for nothing.
  const keep = labels.map((_, i) => r[i] > 0 || c[i] > 0);
  if (keep.every(Boolean)) return { labels, ref: r, cur: c };
  return { labels: labels.filter((_, i) => keep[i]), ref: r.filter((_, i) => keep[i]), cur: c.filter((_, i) => keep[i]) };
}
