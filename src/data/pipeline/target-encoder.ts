import type { Column, DictionaryColumn, Frame } from '../../core/index.js';
import type { ColumnAllocator } from './allocator.js';
import { dictionaryOf, indexOf, mapDictionary, numericColumn, replaceColumns, resolveColumns, sortStrings, valueCounts } from './columns.js';
import type { ParamDefs } from './params.js';
import { StateReader, badState, encodeNumbers, numberList, stringList } from './state-json.js';
import { addSums, assignFolds, encodingTarget, encodings, slotSums, type EncodingTarget, type SlotSums } from './target-stats.js';
import { BaseTransformer } from './transformer.js';

const KIND = 'target_encode';
const TYPES = ['categorical'] as const;
const DEFS: ParamDefs = {
  columns: { type: 'columns' },
  smoothing: { type: 'number', default: 10, min: 0 },
  cv: { type: 'number', integer: true, default: 5, min: 2, max: 100 },
  seed: { type: 'number', integer: true, default: 0, min: 0, max: 2 ** 31 - 1 },
};

/** Parameters of {@link TargetEncoder}. */
export type TargetEncoderParams = {
  /** Columns to encode; default every categorical column. */
  columns?: readonly string[];
  /** m of the m-estimate: how many rows of the prior a category's mean is blended with; default 10. */
  smoothing?: number;
  /** Folds for the out-of-fold encodings of training rows; default 5. */
  cv?: number;
  /** Seed of the fold assignment; default 0. */
  seed?: number;
};

interface State {
  columns: string[];
  /** Outputs per column: 1, or the number of classes. */
  k: number;
  classes: string[] | null;
  /** Overall target mean(s), used for unseen categories. */
  prior: Float64Array;
  /** Per column, the categories seen at fit, sorted; slot = index, missing = last slot. */
  categories: string[][];
  /** Per column, (categories + 1) × k smoothed means. */
  enc: Float64Array[];
}

/**
 * Replaces a categorical column by the smoothed mean of the target per
 * category (per class, as `<col>__te=<class>`, for more than two classes).
 * `fitTransform` encodes each training row with statistics from the other
 * folds only, so no row sees its own target; `transform` of later data uses
 * statistics from all training rows. Unseen categories get the prior and
 * are counted in {@link lastStats}.
 *
 * @example
 * ```ts
 * const te = new TargetEncoder({ columns: ['zip'], smoothing: 10 });
 * const trainX = te.fitTransform(train, train.column('price')); // out-of-fold
 * const testX = te.transform(test);                             // full-data means
 * ```
 */
export class TargetEncoder extends BaseTransformer<TargetEncoderParams, State> {
  /** The registry key of this transformer. */
  static readonly kind = KIND;

  constructor(params: TargetEncoderParams = {}) {
    super(KIND, DEFS, params);
  }

  protected learn(frame: Frame, target: Column | undefined): State {
    const t = encodingTarget(KIND, target);
    const columns = resolveColumns(KIND, frame, this.params.columns, TYPES);
    const state: State = { columns, k: t.k, classes: t.classes, prior: new Float64Array(t.k), categories: [], enc: [] };
    for (const name of columns) {
      const col = dictionaryOf(KIND, frame, name, TYPES);
      const cats = sortStrings(valueCounts(col).keys());
      const { enc, prior } = encodings(slotSums(trainingSlots(col, cats), cats.length + 1, t, null, 0), t.k, this.params.smoothing!);
      state.categories.push(cats);
      state.enc.push(enc);
      state.prior = prior;
    }
    return state;
  }

  /** Fits on all rows, and returns the training rows encoded out-of-fold. */
  override fitTransform(frame: Frame, target?: Column): Frame {
    const state = this.fit(frame, target).state();
    const t = encodingTarget(KIND, target);
    const fold = assignFolds(frame.rows, this.params.cv!, this.params.seed!);
    const replaced = new Map<string, Column[]>();
    state.columns.forEach((name, j) => {
      const col = dictionaryOf(KIND, frame, name, TYPES);
      const slots = trainingSlots(col, state.categories[j]);
      const tables = this.outOfFoldTables(slots, state.categories[j].length + 1, t, fold);
      const outs = Array.from({ length: t.k }, () => new Float64Array(frame.rows));
      for (let i = 0; i < frame.rows; i++) {
        const table = tables[fold[i]];
        const base = slots[i] * t.k;
        for (let k = 0; k < t.k; k++) outs[k][i] = table[base + k];
      }
      replaced.set(name, outputColumns(name, state, outs));
    });
    this.resetStats();
    return replaceColumns(frame, replaced);
  }

  /** For each fold, the encodings computed from every other fold. */
  private outOfFoldTables(slots: Int32Array, nSlots: number, t: EncodingTarget, fold: Int32Array): Float64Array[] {
    const cv = this.params.cv!;
    const perFold = Array.from({ length: cv }, (_, f) => slotSums(slots, nSlots, t, fold, f));
    return perFold.map((_, f) => {
      const others: SlotSums = { sum: new Float64Array(nSlots * t.k), count: new Float64Array(nSlots) };
      perFold.forEach((s, g) => g !== f && addSums(others, s));
      return encodings(others, t.k, this.params.smoothing!).enc;
    });
  }

  protected apply(frame: Frame, s: State, alloc: ColumnAllocator): Frame {
    const replaced = new Map<string, Column[]>();
    s.columns.forEach((name, j) => {
      const col = dictionaryOf(KIND, frame, name, TYPES);
      const cats = s.categories[j];
      const map = mapDictionary(col.dictionary, indexOf(cats));
      const enc = s.enc[j];
      const outs = Array.from({ length: s.k }, () => alloc.f64(frame.rows, false));
      let unseen = 0;
      for (let i = 0; i < frame.rows; i++) {
        const c = col.codes[i];
        const slot = c < 0 ? cats.length : map[c];
        if (slot < 0) unseen++;
        for (let k = 0; k < s.k; k++) outs[k][i] = slot < 0 ? s.prior[k] : enc[slot * s.k + k];
      }
      this.countUnseen(name, unseen);
      replaced.set(name, outputColumns(name, s, outs));
    });
    return replaceColumns(frame, replaced);
  }

  protected saveState(s: State): Record<string, unknown> {
    return { columns: s.columns, k: s.k, classes: s.classes, prior: encodeNumbers(s.prior), categories: s.categories, enc: s.enc.map((e) => encodeNumbers(e)) };
  }

  protected loadState(state: unknown): State {
    const r = new StateReader(KIND, state);
    const columns = r.strings('columns');
    const k = r.raw('k');
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) throw badState(`${KIND} state "k" must be a positive integer`);
    const classes = r.raw('classes') === null ? null : r.strings('classes', k);
    const categories = r.lists('categories', columns.length, (v) => stringList(v, `${KIND} categories`));
    const enc = r.lists('enc', columns.length, (v, j) => {
      const e = numberList(v, `${KIND} enc`);
      if (e.length !== (categories[j].length + 1) * k) throw badState(`${KIND} state "enc" of column ${j} has the wrong length`);
      return e;
    });
    return { columns, k, classes, prior: r.numbers('prior', k), categories, enc };
  }
}

/** The slot of each training row: its category's index, or the missing slot. */
function trainingSlots(col: DictionaryColumn, cats: readonly string[]): Int32Array {
  const map = mapDictionary(col.dictionary, indexOf(cats));
  const slots = new Int32Array(col.codes.length);
  for (let i = 0; i < slots.length; i++) slots[i] = col.codes[i] < 0 ? cats.length : map[col.codes[i]];
  return slots;
}

function outputColumns(name: string, s: State, outs: Float64Array[]): Column[] {
  if (s.classes === null) return [numericColumn(name, 'numeric', outs[0])];
  return s.classes.map((c, k) => numericColumn(`${name}__te=${c}`, 'numeric', outs[k]));
}
