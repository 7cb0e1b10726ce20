import { Rng, type Column } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import { sortStrings } from './columns.js';

/**
 * A target prepared for encoding: K outputs per row. A numeric target (a
 * regression or a 0/1 label) is one output, its mean; a two-class label is
 * one output, the rate of the second class in sorted order (scikit-learn's
 * positive class); more classes give one output per class.
 */
export interface EncodingTarget {
  /** Number of outputs per category. */
  k: number;
  /** The class labels for K > 1 outputs, else null. */
  classes: string[] | null;
  /** K = 1: the value per row (NaN when missing). */
  y: Float64Array | null;
  /** K > 1: the class index per row (-1 when missing). */
  cls: Int32Array | null;
}

/** Prepares a target column; text and datetime targets are BAD_INPUT. */
export function encodingTarget(kind: string, target: Column | undefined): EncodingTarget {
  if (target === undefined) {
    throw new LatheError('BAD_INPUT', `${kind} needs a target column to fit`, { hint: 'pass the target to fit() or fitTransform(), or name it in the training config' });
  }
  if (target.type === 'datetime' || target.type === 'text') {
    throw new LatheError('BAD_INPUT', `${kind} cannot use target "${target.name}" of type ${target.type}`, {
      hint: 'target encoding takes a numeric, integer, boolean or categorical target',
    });
  }
  if ('values' in target) return { k: 1, classes: null, y: target.values, cls: null };
  const used = new Set<string>();
  for (let i = 0; i < target.codes.length; i++) if (target.codes[i] >= 0) used.add(target.dictionary[target.codes[i]]);
  const labels = sortStrings(used);
  const rank = new Map(labels.map((v, i) => [v, i]));
  const byCode = target.dictionary.map((v) => rank.get(v) ?? -1);
  if (labels.length <= 2) {
    const y = new Float64Array(target.codes.length);
    const positive = labels.length - 1;
    for (let i = 0; i < y.length; i++) y[i] = target.codes[i] < 0 ? NaN : byCode[target.codes[i]] === positive ? 1 : 0;
    return { k: 1, classes: null, y, cls: null };
  }
  const cls = new Int32Array(target.codes.length);
  for (let i = 0; i < cls.length; i++) cls[i] = target.codes[i] < 0 ? -1 : byCode[target.codes[i]];
  return { k: labels.length, classes: labels, y: null, cls };
}

/** Per-slot target sums (slots × K) and counts. */
export interface SlotSums {
  sum: Float64Array;
  count: Float64Array;
}

/**
 * Adds up the target per category slot over the rows of fold `only` (every
 * row when `fold` is null). Rows with a missing target are skipped.
 */
export function slotSums(slotOfRow: Int32Array, slots: number, t: EncodingTarget, fold: Int32Array | null, only: number): SlotSums {
  const sum = new Float64Array(slots * t.k);
  const count = new Float64Array(slots);
  for (let i = 0; i < slotOfRow.length; i++) {
    if (fold !== null && fold[i] !== only) continue;
    const s = slotOfRow[i];
    if (t.y !== null) {
      const v = t.y[i];
      if (v !== v) continue;
      sum[s] += v;
    } else {
      const c = t.cls![i];
      if (c < 0) continue;
      sum[s * t.k + c] += 1;
    }
    count[s]++;
  }
  return { sum, count };
}

/** Adds `b` into `a`. */
export function addSums(a: SlotSums, b: SlotSums): void {
  for (let i = 0; i < a.sum.length; i++) a.sum[i] += b.sum[i];
  for (let i = 0; i < a.count.length; i++) a.count[i] += b.count[i];
}

/**
 * Smoothed encodings (slots × K) and the prior (K) from sums: the m-estimate
 * `(sum + m·prior) / (count + m)`, which pulls rare categories toward the
 * overall mean. A slot with no rows gets the prior.
 */
export function encodings(s: SlotSums, k: number, m: number): { enc: Float64Array; prior: Float64Array } {
  const prior = new Float64Array(k);
  let total = 0;
  for (let slot = 0; slot < s.count.length; slot++) {
    total += s.count[slot];
    for (let j = 0; j < k; j++) prior[j] += s.sum[slot * k + j];
  }
  for (let j = 0; j < k; j++) prior[j] = total > 0 ? prior[j] / total : 0;
  const enc = new Float64Array(s.sum.length);
  for (let slot = 0; slot < s.count.length; slot++) {
    const n = s.count[slot];
    for (let j = 0; j < k; j++) enc[slot * k + j] = n + m > 0 ? (s.sum[slot * k + j] + m * prior[j]) / (n + m) : prior[j];
  }
  return { enc, prior };
}

/** A fold index per row: a seeded shuffle dealt round-robin into `cv` folds. */
export function assignFolds(rows: number, cv: number, seed: number): Int32Array {
  const order = new Int32Array(rows);
  for (let i = 0; i < rows; i++) order[i] = i;
  new Rng(seed).shuffle(order);
  const fold = new Int32Array(rows);
  for (let r = 0; r < rows; r++) fold[order[r]] = r % cv;
  return fold;
}
