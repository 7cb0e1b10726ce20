import type { Column, Frame } from '../../core/index.js';
import { Rng } from '../../core/index.js';

/** Bin 0 of every feature holds the missing values (NaN, code -1). */
export const MISSING_BIN = 0;

/** Rows sampled to find quantile edges, as scikit-learn's HistGradientBoosting does. */
const EDGE_SAMPLE = 200_000;

/** How one feature's values map to bins. */
export interface FeatureBins {
  name: string;
  categorical: boolean;
  /** Bins including the missing bin; at most max_bins + 1 (so ≤ 256, a byte). */
  nBins: number;
  /** Numeric: ascending cut points; value x goes to bin 1 + #{edges < x}. */
  edges: Float64Array;
  /** Categorical: bin of each dictionary code, -1 when the code never occurs in training. */
  codeToBin: Int32Array;
  /** Categorical: the training dictionary, to remap other frames' codes by label. */
  dictionary: readonly string[];
}

/**
 * The binned training matrix: one byte per value, four features packed in
 * one 32-bit word per row. Feature f is byte `f & 3` of group `f >> 2`:
 * `(words[(f >> 2) * rows + i] >>> (8 * (f & 3))) & 255`. A histogram pass
 * reads one word per row for four features, which in JavaScript costs far
 * less than four separate byte reads.
 */
export interface BinnedData {
  rows: number;
  features: FeatureBins[];
  words: Uint32Array;
  /** Start of each feature's bins in a histogram; `offsets[F]` is the total. */
  offsets: Int32Array;
}

/** The bin of row `i` in feature `f`. */
export function binOf(d: BinnedData, f: number, i: number): number {
  return (d.words[(f >> 2) * d.rows + i] >>> ((f & 3) << 3)) & 255;
}

/** Allocates a typed array, on shared memory when worker threads will read it. */
export function allocBytes(bytes: number, shared: boolean): ArrayBuffer | SharedArrayBuffer {
  return shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

/**
 * Learns the bins of every column of `frame`: at most `maxBins` quantile bins
 * for numeric columns (edges from a seeded sample of 200k rows), one bin per
 * category (the rarest merged when there are more than `maxBins`), and a
 * separate missing bin for both.
 */
export function fitBins(frame: Frame, maxBins: number, seed: number): FeatureBins[] {
  const sample = frame.rows > EDGE_SAMPLE ? sampleRows(frame.rows, EDGE_SAMPLE, seed) : null;
  return frame.columns.map((c) => ('codes' in c ? categoricalBins(c, maxBins) : numericBins(c.name, c.values, sample, maxBins)));
}

function sampleRows(n: number, k: number, seed: number): Int32Array {
  const rng = new Rng(seed ^ 0x5bd1e995);
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  // A partial Fisher–Yates: the first k slots are a uniform sample without replacement.
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const t = all[i];
    all[i] = all[j];
    all[j] = t;
  }
  return all.subarray(0, k).sort();
}

function numericBins(name: string, values: Float64Array, sample: Int32Array | null, maxBins: number): FeatureBins {
  const m = sample ? sample.length : values.length;
  const xs = new Float64Array(m);
  let k = 0;
  for (let i = 0; i < m; i++) {
    const v = values[sample ? sample[i] : i];
    if (v === v) xs[k++] = v;
  }
  const sorted = xs.subarray(0, k).sort();
  const edges: number[] = [];
  let distinct = 0;
  for (let i = 0; i < k; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  const perBin = k / maxBins;
  let next = perBin;
  for (let i = 0; i < k - 1; i++) {
    if (sorted[i] === sorted[i + 1]) continue;
    // Few distinct values: one bin each; otherwise cut where the running count passes the next quantile.
    if (distinct <= maxBins || i + 1 >= next) {
      edges.push(sorted[i] / 2 + sorted[i + 1] / 2);
      while (next <= i + 1) next += perBin;
    }
  }
  if (edges.length > maxBins - 1) edges.length = maxBins - 1;
  return { name, categorical: false, nBins: edges.length + 2, edges: Float64Array.from(edges), codeToBin: new Int32Array(0), dictionary: [] };
}

function categoricalBins(c: Extract<Column, { codes: Int32Array }>, maxBins: number): FeatureBins {
  const counts = new Float64Array(c.dictionary.length);
  for (let i = 0; i < c.codes.length; i++) if (c.codes[i] >= 0) counts[c.codes[i]]++;
  const used: number[] = [];
  for (let code = 0; code < counts.length; code++) if (counts[code] > 0) used.push(code);
  // Most frequent first; the tail beyond max_bins shares the last bin.
  used.sort((a, b) => counts[b] - counts[a] || a - b);
  const codeToBin = new Int32Array(c.dictionary.length).fill(-1);
  const own = used.length <= maxBins ? used.length : maxBins - 1;
  used.forEach((code, r) => (codeToBin[code] = 1 + Math.min(r, own)));
  const nBins = 1 + Math.min(used.length, maxBins);
  return { name: c.name, categorical: true, nBins: Math.max(nBins, 2), edges: new Float64Array(0), codeToBin, dictionary: c.dictionary };
}

/** Bin of a numeric value: 1 + the number of edges below it (binary search), 0 for NaN. */
export function numericBin(edges: Float64Array, x: number): number {
  if (x !== x) return MISSING_BIN;
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

/** Bins `frame` (the training frame the bins were fitted on), four features to a word. */
export function binFrame(frame: Frame, features: FeatureBins[], shared: boolean): BinnedData {
  const n = frame.rows;
  const groups = Math.ceil(features.length / 4);
  const words = new Uint32Array(allocBytes(4 * groups * n, shared));
  const offsets = new Int32Array(features.length + 1);
  features.forEach((fb, f) => {
    offsets[f + 1] = offsets[f] + fb.nBins;
    const col = frame.columns[f];
    const out = words.subarray((f >> 2) * n, ((f >> 2) + 1) * n);
    const shift = (f & 3) << 3;
    if ('codes' in col) {
      for (let i = 0; i < n; i++) out[i] |= (col.codes[i] < 0 ? MISSING_BIN : fb.codeToBin[col.codes[i]]) << shift;
    } else {
      for (let i = 0; i < n; i++) out[i] |= numericBin(fb.edges, col.values[i]) << shift;
    }
  });
  return { rows: n, features, words, offsets };
}
