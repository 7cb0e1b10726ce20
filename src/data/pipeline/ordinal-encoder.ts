import type { Column, Frame } from '../../core/index.js';
import type { ColumnAllocator } from './allocator.js';
import { dictionaryOf, indexOf, mapDictionary, numericColumn, replaceColumns, resolveColumns, sortStrings, valueCounts } from './columns.js';
import type { ParamDefs } from './params.js';
import { StateReader, stringList } from './state-json.js';
import { BaseTransformer } from './transformer.js';

const KIND = 'ordinal';
const TYPES = ['categorical'] as const;
const DEFS: ParamDefs = {
  columns: { type: 'columns' },
  output: { type: 'enum', values: ['numeric', 'categorical'], default: 'numeric' },
};

/** Parameters of {@link OrdinalEncoder}. */
export type OrdinalEncoderParams = {
  /** Columns to encode; default every categorical column. */
  columns?: readonly string[];
  /**
   * `numeric` (default): the category's index as a number, NaN when missing
   * or unseen. `categorical`: a categorical column whose dictionary is the
   * fitted categories, so codes mean the same thing in every frame (what
   * estimators with native categorical support need).
   */
  output?: 'numeric' | 'categorical';
};

interface State {
  columns: string[];
  /** Per column, the categories seen at fit, sorted: index = code. */
  categories: string[][];
}

/**
 * Maps each category to its index among the sorted categories seen at fit,
 * as scikit-learn's OrdinalEncoder with `unknown_value=nan`. A category not
 * seen at fit becomes NaN (or code -1) and is counted in {@link lastStats}.
 *
 * @example
 * ```ts
 * new OrdinalEncoder({ columns: ['size'] }).fit(train).transform(test); // L → 0, M → 1, S → 2
 * ```
 */
export class OrdinalEncoder extends BaseTransformer<OrdinalEncoderParams, State> {
  /** The registry key of this transformer. */
  static readonly kind = KIND;

  constructor(params: OrdinalEncoderParams = {}) {
    super(KIND, DEFS, params);
  }

  protected learn(frame: Frame): State {
    const columns = resolveColumns(KIND, frame, this.params.columns, TYPES);
    const categories = columns.map((name) => sortStrings(valueCounts(dictionaryOf(KIND, frame, name, TYPES)).keys()));
    return { columns, categories };
  }

  protected apply(frame: Frame, s: State, alloc: ColumnAllocator): Frame {
    const replaced = new Map<string, Column[]>();
    s.columns.forEach((name, j) => {
      const col = dictionaryOf(KIND, frame, name, TYPES);
      const map = mapDictionary(col.dictionary, categoryIndex(s.categories[j]));
      const codes = col.codes;
      const n = codes.length;
      let unseen = 0;
      if (this.params.output === 'categorical') {
        const out = alloc.i32(n);
        for (let i = 0; i < n; i++) {
          const c = codes[i];
          const k = c < 0 ? -1 : map[c];
          if (c >= 0 && k < 0) unseen++;
          out[i] = k;
        }
        replaced.set(name, [{ name, type: 'categorical', codes: out, dictionary: s.categories[j] }]);
      } else {
        const out = alloc.f64(n, false);
        for (let i = 0; i < n; i++) {
          const c = codes[i];
          const k = c < 0 ? -1 : map[c];
          if (c >= 0 && k < 0) unseen++;
          out[i] = k < 0 ? NaN : k;
        }
        replaced.set(name, [numericColumn(name, 'integer', out)]);
      }
      this.countUnseen(name, unseen);
    });
    return replaceColumns(frame, replaced);
  }

  protected saveState(s: State): Record<string, unknown> {
    return { columns: s.columns, categories: s.categories };
  }

  protected loadState(state: unknown): State {
    const r = new StateReader(KIND, state);
    const columns = r.strings('columns');
    return { columns, categories: r.lists('categories', columns.length, (v) => stringList(v, `${KIND} categories`)) };
  }
}

/**
 * Category → code per fitted category list, built once: the lists never
 * change after fit, and online serving transforms one row per call, where
 * rebuilding a map of every category cost more than the encoding itself.
 */
const indexCache = new WeakMap<readonly string[], Map<string, number>>();

function categoryIndex(categories: readonly string[]): Map<string, number> {
  let index = indexCache.get(categories);
  if (!index) indexCache.set(categories, (index = indexOf(categories)));
  return index;
}
