import type { Frame } from '../../core/index.js';
import type { ColumnAllocator } from './allocator.js';
import { LatheError } from '../../errors.js';
import { mapNumeric, numericOf, resolveColumns } from './columns.js';
import type { ParamDefs } from './params.js';
import { StateReader } from './state-json.js';
import { BaseTransformer } from './transformer.js';

const KIND = 'log1p';
const TYPES = ['numeric', 'integer'] as const;
const DEFS: ParamDefs = {
  columns: { type: 'columns' },
  signed: { type: 'boolean', default: false },
};

/** Parameters of {@link Log1p}. */
export type Log1pParams = {
  /** Columns to transform; default every numeric and integer column. */
  columns?: readonly string[];
  /** Use sign(x)·log1p(|x|), defined for every x; default false. */
  signed?: boolean;
};

interface State {
  columns: string[];
}

/**
 * Replaces x by log(1 + x), which tames long right tails (prices, counts).
 * Fitting refuses a column with values ≤ -1 unless `signed` is set, because
 * they would silently become NaN or -∞; at prediction time such values do
 * become NaN (and missing values stay NaN).
 *
 * @example
 * ```ts
 * new Log1p({ columns: ['price'] }).fitTransform(frame); // price → log1p(price)
 * ```
 */
export class Log1p extends BaseTransformer<Log1pParams, State> {
  /** The registry key of this transformer. */
  static readonly kind = KIND;

  constructor(params: Log1pParams = {}) {
    super(KIND, DEFS, params);
  }

  protected learn(frame: Frame): State {
    const columns = resolveColumns(KIND, frame, this.params.columns, TYPES);
    if (!this.params.signed) for (const name of columns) checkDomain(numericOf(KIND, frame, name, TYPES).values, name);
    return { columns };
  }

  protected apply(frame: Frame, s: State, alloc: ColumnAllocator): Frame {
    const signed = this.params.signed;
    return mapNumeric(KIND, frame, s.columns, TYPES, 'numeric', alloc, (src, out) => {
      if (signed) for (let i = 0; i < src.length; i++) out[i] = src[i] < 0 ? -Math.log1p(-src[i]) : Math.log1p(src[i]);
      else for (let i = 0; i < src.length; i++) out[i] = Math.log1p(src[i]);
    });
  }

  protected saveState(s: State): Record<string, unknown> {
    return { columns: s.columns };
  }

  protected loadState(state: unknown): State {
    return { columns: new StateReader(KIND, state).strings('columns') };
  }
}

function checkDomain(values: Float64Array, name: string): void {
  let bad = 0;
  for (let i = 0; i < values.length; i++) if (values[i] <= -1) bad++;
  if (bad > 0) {
    throw new LatheError('BAD_INPUT', `${KIND}: column "${name}" has ${bad} values ≤ -1, where log1p is undefined`, {
      hint: 'set signed=true to use sign(x)·log1p(|x|), or clip the column first',
    });
  }
}
