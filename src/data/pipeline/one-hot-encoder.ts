import type { Column, Frame } from '../../core/index.js';
import type { ColumnAllocator } from './allocator.js';
import { dictionaryOf, indexOf, numericColumn, replaceColumns, resolveColumns, sortStrings, valueCounts } from './columns.js';
import type { ParamDefs } from './params.js';
import { StateReader, stringList } from './state-json.js';
import { BaseTransformer } from './transformer.js';

const KIND = 'one_hot';
const TYPES = ['categorical'] as const;
const DEFS: ParamDefs = {
  columns: { type: 'columns' },
  max_categories: { type: 'number', integer: true, min: 2 },
};

/** Parameters of {@link OneHotEncoder}. */
export type OneHotEncoderParams = {
  /** Columns to encode; default every categorical column. */
  columns?: readonly string[];
  /** At most this many output columns per input, counting `<col>__other`; default unlimited. */
  max_categories?: number;
};

interface State {
  columns: string[];
  /** Per column, the categories with their own output column, sorted. */
  categories: string[][];
  /** Per column, the categories seen at fit that go to `<col>__other`; empty when there is no other bucket. */
  infrequent: string[][];
}

/**
 * Replaces each categorical column with one 0/1 column per category,
 * named `<col>=<value>`. With `max_categories`, the rarest categories share
 * a `<col>__other` column (chosen as scikit-learn chooses infrequent
 * categories). A category not seen at fit goes to `<col>__other` when it
 * exists, else to all zeros, and is counted in {@link lastStats}; a missing
 * value is all zeros and is not counted.
 *
 * @example
 * ```ts
 * const enc = new OneHotEncoder({ columns: ['color'], max_categories: 20 });
 * enc.fit(train).transform(test); // color=blue, color=red, …
 * enc.lastStats().unseen;           // { color: 3 } rows with a new color
 * ```
 */
export class OneHotEncoder extends BaseTransformer<OneHotEncoderParams, State> {
  /** The registry key of this transformer. */
  static readonly kind = KIND;

  constructor(params: OneHotEncoderParams = {}) {
    super(KIND, DEFS, params);
  }

  protected learn(frame: Frame): State {
    const columns = resolveColumns(KIND, frame, this.params.columns, TYPES);
    const categories: string[][] = [];
    const infrequent: string[][] = [];
    for (const name of columns) {
      const counts = valueCounts(dictionaryOf(KIND, frame, name, TYPES));
      const split = splitInfrequent(counts, this.params.max_categories);
      categories.push(split.kept);
      infrequent.push(split.infrequent);
    }
    return { columns, categories, infrequent };
  }

  protected apply(frame: Frame, s: State, alloc: ColumnAllocator): Frame {
    const replaced = new Map<string, Column[]>();
    s.columns.forEach((name, j) => {
      const col = dictionaryOf(KIND, frame, name, TYPES);
      const cats = s.categories[j];
      const hasOther = s.infrequent[j].length > 0;
      const outs = Array.from({ length: cats.length + (hasOther ? 1 : 0) }, () => alloc.f64(frame.rows, true));
      const { slot, unseen } = slotsFor(col.dictionary, cats, s.infrequent[j]);
      this.countUnseen(name, encode(col.codes, slot, unseen, outs));
      const named = cats.map((v, k) => numericColumn(`${name}=${v}`, 'boolean', outs[k]));
      if (hasOther) named.push(numericColumn(`${name}__other`, 'boolean', outs[cats.length]));
      replaced.set(name, named);
    });
    return replaceColumns(frame, replaced);
  }

  protected saveState(s: State): Record<string, unknown> {
    return { columns: s.columns, categories: s.categories, infrequent: s.infrequent };
  }

  protected loadState(state: unknown): State {
    const r = new StateReader(KIND, state);
    const columns = r.strings('columns');
    const categories = r.lists('categories', columns.length, (v) => stringList(v, `${KIND} categories`));
    const infrequent = r.lists('infrequent', columns.length, (v) => stringList(v, `${KIND} infrequent`));
    return { columns, categories, infrequent };
  }
}

/**
 * Splits categories into kept and infrequent as scikit-learn does with
 * `max_categories`: categories sorted by value, then a stable sort by count
 * ascending, and the first `n - (max - 1)` (the rarest, smaller values first
 * among ties) go to the other bucket.
 */
function splitInfrequent(counts: Map<string, number>, max: number | undefined): { kept: string[]; infrequent: string[] } {
  const values = sortStrings(counts.keys());
  if (max === undefined || values.length <= max) return { kept: values, infrequent: [] };
  const byCount = values.map((v, i) => ({ v, i, n: counts.get(v)! })).sort((a, b) => a.n - b.n || a.i - b.i);
  const rare = new Set(byCount.slice(0, values.length - (max - 1)).map((e) => e.v));
  return { kept: values.filter((v) => !rare.has(v)), infrequent: values.filter((v) => rare.has(v)) };
}

/**
 * Per dictionary code: the output slot (the other bucket for infrequent and
 * unseen values when it exists, else -1) and 1 when the value is unseen.
 */
function slotsFor(dictionary: readonly string[], cats: readonly string[], infrequent: readonly string[]): { slot: Int32Array; unseen: Uint8Array } {
  const other = infrequent.length > 0 ? cats.length : -1;
  const kept = indexOf(cats);
  const rare = new Set(infrequent);
  const slot = new Int32Array(dictionary.length);
  const unseen = new Uint8Array(dictionary.length);
  for (let c = 0; c < dictionary.length; c++) {
    const k = kept.get(dictionary[c]);
    slot[c] = k ?? other;
    if (k === undefined && !rare.has(dictionary[c])) unseen[c] = 1;
  }
  return { slot, unseen };
}

/** Writes the 1s and returns how many rows had an unseen category. */
function encode(codes: Int32Array, slot: Int32Array, unseen: Uint8Array, outs: Float64Array[]): number {
  let count = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c < 0) continue;
    const s = slot[c];
    if (s >= 0) outs[s][i] = 1;
    count += unseen[c];
  }
  return count;
}
