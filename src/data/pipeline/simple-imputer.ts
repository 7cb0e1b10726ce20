import type { Column, DictionaryColumn, Frame, LogicalType, NumericColumn } from '../../core/index.js';
import type { ColumnAllocator } from './allocator.js';
import { ALL_TYPES, NUMERIC_TYPES, columnOf, numericColumn, replaceColumns, resolveColumns } from './columns.js';
import { badParam, type ParamDefs } from './params.js';
import { StateReader, badState, decodeNumber, encodeNumber } from './state-json.js';
import { meanVar, medianOf, modeSorted, sortedPresent } from './stats.js';
import { BaseTransformer } from './transformer.js';

const KIND = 'impute';
const STRATEGIES = ['mean', 'median', 'most_frequent', 'constant'] as const;
const DEFS: ParamDefs = {
  columns: { type: 'columns' },
  strategy: { type: 'enum', values: STRATEGIES, default: 'mean' },
  fill_value: { type: 'scalar' },
  add_indicator: { type: 'boolean', default: false },
};

/** Parameters of {@link SimpleImputer}. */
export type SimpleImputerParams = {
  /** Columns to impute; default every column the strategy can handle. */
  columns?: readonly string[];
  /** `mean` and `median` need number-valued columns; default `mean`. */
  strategy?: (typeof STRATEGIES)[number];
  /** The value for `constant`: a number for numeric columns, a string for categorical ones. */
  fill_value?: number | string;
  /** Also emit `<col>__missing` (0/1) for each imputed column; default false. */
  add_indicator?: boolean;
};

interface State {
  columns: string[];
  types: LogicalType[];
  /** A number for numeric-like columns, a string for dictionary columns. */
  fills: (number | string)[];
}

/** The fill used when a column has no values at fit, as scikit-learn's `keep_empty_features`. */
const EMPTY_NUMBER_FILL = 0;
const EMPTY_LABEL_FILL = 'missing';

/**
 * Fills missing values (NaN, or code -1) with a value learned at fit: the
 * mean, the median, the most frequent value (ties → smallest, as
 * scikit-learn) or a constant. Optionally adds a `<col>__missing` indicator
 * after each imputed column so a model can still see which values were missing.
 *
 * @example
 * ```ts
 * const imp = new SimpleImputer({ columns: ['age'], strategy: 'median', add_indicator: true });
 * imp.fitTransform(frame); // columns: age (no NaN), age__missing (0/1), …
 * ```
 */
export class SimpleImputer extends BaseTransformer<SimpleImputerParams, State> {
  /** The registry key of this transformer. */
  static readonly kind = KIND;

  constructor(params: SimpleImputerParams = {}) {
    super(KIND, DEFS, params);
    if (this.params.strategy === 'constant' && this.params.fill_value === undefined) {
      throw badParam(KIND, 'strategy=constant needs fill_value', 'set fill_value to a number (numeric columns) or a string (categorical columns)');
    }
  }

  /** The types the chosen strategy can handle. */
  allowedTypes(): readonly LogicalType[] {
    return this.params.strategy === 'mean' || this.params.strategy === 'median' ? NUMERIC_TYPES : ALL_TYPES;
  }

  protected learn(frame: Frame): State {
    const allowed = this.allowedTypes();
    const columns = resolveColumns(KIND, frame, this.params.columns, allowed);
    const cols = columns.map((name) => columnOf(KIND, frame, name, allowed));
    return { columns, types: cols.map((c) => c.type), fills: cols.map((c) => this.learnFill(c)) };
  }

  private learnFill(col: Column): number | string {
    const strategy = this.params.strategy;
    if (strategy === 'constant') return constantFor(col, this.params.fill_value!);
    if ('codes' in col) return modeLabel(col);
    if (strategy === 'mean') return orEmpty(meanVar(col.values).mean);
    if (strategy === 'median') return orEmpty(medianOf(col.values));
    return orEmpty(modeSorted(sortedPresent(col.values)));
  }

  protected apply(frame: Frame, state: State, alloc: ColumnAllocator): Frame {
    const replaced = new Map<string, Column[]>();
    state.columns.forEach((name, j) => {
      const col = columnOf(KIND, frame, name, this.allowedTypes());
      const fill = state.fills[j];
      const withIndicator = this.params.add_indicator!;
      const { out, indicator } = 'codes' in col ? fillCodes(col, String(fill), withIndicator, alloc) : fillValues(col, Number(fill), this.outType(col), withIndicator, alloc);
      replaced.set(name, indicator ? [out, indicator] : [out]);
    });
    return replaceColumns(frame, replaced);
  }

  private outType(col: NumericColumn): NumericColumn['type'] {
    // A mean or median of integers or booleans is fractional; say so rather than mislabel it.
    const averaged = this.params.strategy === 'mean' || this.params.strategy === 'median';
    return averaged && (col.type === 'integer' || col.type === 'boolean') ? 'numeric' : col.type;
  }

  protected saveState(s: State): Record<string, unknown> {
    return { columns: s.columns, types: s.types, fills: s.fills.map((f) => (typeof f === 'string' ? f : encodeNumber(f))) };
  }

  protected loadState(state: unknown): State {
    const r = new StateReader(KIND, state);
    const columns = r.strings('columns');
    const types = r.strings('types', columns.length) as LogicalType[];
    const raw = r.raw('fills');
    if (!Array.isArray(raw) || raw.length !== columns.length) throw badState(`${KIND} state "fills" must have one entry per column`);
    const fills = raw.map((f, j) => (types[j] === 'categorical' || types[j] === 'text' ? String(f) : decodeNumber(f, `${KIND} fill`)));
    return { columns, types, fills };
  }
}

function orEmpty(x: number): number {
  return Number.isNaN(x) ? EMPTY_NUMBER_FILL : x;
}

function constantFor(col: Column, value: number | string): number | string {
  if ('codes' in col) return String(value);
  const n = typeof value === 'number' ? value : value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(n)) {
    throw badParam(KIND, `fill_value=${String(value)} cannot fill column "${col.name}" of type ${col.type}`, 'use a number as fill_value for numeric columns');
  }
  return n;
}

/** The most frequent label; ties go to the smallest string, as scikit-learn does. */
function modeLabel(col: DictionaryColumn): string {
  const counts = new Map<string, number>();
  const byCode = new Float64Array(col.dictionary.length);
  for (let i = 0; i < col.codes.length; i++) if (col.codes[i] >= 0) byCode[col.codes[i]]++;
  byCode.forEach((n, c) => n > 0 && counts.set(col.dictionary[c], (counts.get(col.dictionary[c]) ?? 0) + n));
  let best: string | undefined;
  let bestCount = 0;
  for (const [v, n] of counts) {
    if (n > bestCount || (n === bestCount && best !== undefined && v < best)) [best, bestCount] = [v, n];
  }
  return best ?? EMPTY_LABEL_FILL;
}

function fillValues(col: NumericColumn, fill: number, type: NumericColumn['type'], withIndicator: boolean, alloc: ColumnAllocator): { out: Column; indicator?: Column } {
  const src = col.values;
  const n = src.length;
  const out = alloc.f64(n, false);
  const ind = withIndicator ? alloc.f64(n, true) : null;
  for (let i = 0; i < n; i++) {
    const v = src[i];
    if (v === v) out[i] = v;
    else {
      out[i] = fill;
      if (ind) ind[i] = 1;
    }
  }
  const indicator = ind ? numericColumn(`${col.name}__missing`, 'boolean', ind) : undefined;
  return { out: numericColumn(col.name, type, out), indicator };
}

function fillCodes(col: DictionaryColumn, fill: string, withIndicator: boolean, alloc: ColumnAllocator): { out: Column; indicator?: Column } {
  let code = col.dictionary.indexOf(fill);
  const dictionary = code >= 0 ? col.dictionary : [...col.dictionary, fill];
  if (code < 0) code = col.dictionary.length;
  const src = col.codes;
  const n = src.length;
  const out = alloc.i32(n);
  const ind = withIndicator ? alloc.f64(n, true) : null;
  for (let i = 0; i < n; i++) {
    const c = src[i];
    if (c >= 0) out[i] = c;
    else {
      out[i] = code;
      if (ind) ind[i] = 1;
    }
  }
  const indicator = ind ? numericColumn(`${col.name}__missing`, 'boolean', ind) : undefined;
  return { out: { name: col.name, type: col.type, codes: out, dictionary }, indicator };
}
