import type { Column } from '../../core/index.js';

/** A numeric column's present values (unsorted, this sample's own copy) with their exact extremes. */
export interface NumericSample {
  kind: 'numeric';
  rows: number;
  missing: number;
  present: Float64Array;
  min: number;
  max: number;
  /** Population (ddof = 0) standard deviation of the present values. */
  std: number;
  /** `present` sorted, once something needed it. */
  sortedCache?: Float64Array;
  /** The values as categories, once something needed them. */
  categoriesCache?: CategoricalSample;
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
 * in dictionary columns. Numeric values are copied, not sorted: sorting is
 * the expensive step, done only for the tests that need it ({@link sortedValues}).
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
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  // Sums shifted by the first value: as stable as Welford's update for a
  // variance, without a division per value (the "shifted data" algorithm).
  let shift = Number.NaN;
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    // x − x is NaN exactly for NaN and ±Infinity.
    if (x - x === 0) {
      if (k === 0) shift = x;
      out[k++] = x;
      if (x < min) min = x;
      if (x > max) max = x;
      const d = x - shift;
      s1 += d;
      s2 += d * d;
    }
  }
  const present = k === v.length ? out : out.slice(0, k);
  const std = k === 0 ? Number.NaN : Math.sqrt(Math.max(0, (s2 - (s1 * s1) / k) / k));
  return { kind: 'numeric', rows: v.length, missing: v.length - k, present, min, max, std };
}

/** All present values, sorted ascending (sorted in place once, then cached). */
export function sortedValues(s: NumericSample): Float64Array {
  if (!s.sortedCache) s.sortedCache = s.present.sort();
  return s.sortedCache;
}

/**
 * The present values sorted, or — when there are more than `limit` — a
 * uniform random sample of `limit` of them without replacement (seeded, so
 * a report repeats), sorted. Used for the distances on large columns: the
 * sample's empirical CDF is within √(ln(2/α)/2m) of the full one everywhere
 * with probability 1 − α (Dvoretzky–Kiefer–Wolfowitz), 0.0051 at m = 100,000
 * and α = 0.01.
 */
export function sortedSample(s: NumericSample, limit: number, seed: number): { sorted: Float64Array; sampled: boolean } {
  const n = s.present.length;
  if (n <= limit) return { sorted: sortedValues(s), sampled: false };
  if (s.sortedCache) return { sorted: s.sortedCache, sampled: false };
  // A partial Fisher–Yates in place: `present` is this sample's own copy and
  // nothing else depends on its order, so no second copy of a large column.
  const pool = s.present;
  let state = seed >>> 0 || 1;
  for (let i = 0; i < limit; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    const j = i + Math.floor((state / 4294967296) * (n - i));
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return { sorted: pool.slice(0, limit).sort(), sampled: true };
}

/** The number of distinct present values, counting no further than `cap + 1` (stops early on continuous data). */
export function distinctAtMost(s: NumericSample, cap: number): number {
  const seen: number[] = [];
  const v = s.present;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    let found = false;
    for (let j = 0; j < seen.length; j++) {
      if (seen[j] === x) {
        found = true;
        break;
      }
    }
    if (!found) {
      seen.push(x);
      if (seen.length > cap) return seen.length;
    }
  }
  return seen.length;
}

/** A numeric sample as categories, one per distinct value in ascending order, labelled as JavaScript prints the number (computed once). */
export function numericAsCategories(s: NumericSample): CategoricalSample {
  if (s.categoriesCache) return s.categoriesCache;
  const counts = countDistinct(s.present);
  const values = [...counts.keys()].sort((a, b) => a - b);
  s.categoriesCache = {
    kind: 'categorical',
    rows: s.rows,
    missing: s.missing,
    labels: values.map(String),
    counts: Float64Array.from(values, (x) => counts.get(x)!),
  };
  return s.categoriesCache;
}

/** Counts per distinct value: a short linear table while there are few (the usual case here), a Map beyond. */
function countDistinct(v: Float64Array): Map<number, number> {
  const SMALL = 16;
  const keys = new Float64Array(SMALL);
  const counts = new Float64Array(SMALL);
  let n = 0;
  let i = 0;
  outer: for (; i < v.length; i++) {
    const x = v[i];
    for (let j = 0; j < n; j++) {
      if (keys[j] === x) {
        counts[j]++;
        continue outer;
      }
    }
    if (n === SMALL) break;
    keys[n] = x;
    counts[n++] = 1;
  }
  const m = new Map<number, number>();
  for (let j = 0; j < n; j++) m.set(keys[j], counts[j]);
  for (; i < v.length; i++) m.set(v[i], (m.get(v[i]) ?? 0) + 1);
  return m;
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
