import type { Frame } from '../../core/index.js';
import type { ColumnAllocator } from './allocator.js';
import { mapNumeric, numericOf, resolveColumns } from './columns.js';
import { badParam, type ParamDefs } from './params.js';
import { loadColumnNumbers, saveColumnNumbers, type ColumnNumbers } from './state-json.js';
import { quantileSorted, sortedPresent } from './stats.js';
import { BaseTransformer } from './transformer.js';

const KIND = 'clip';
const TYPES = ['numeric', 'integer'] as const;
const DEFS: ParamDefs = {
  columns: { type: 'columns' },
  lower: { type: 'number' },
  upper: { type: 'number' },
  lower_quantile: { type: 'number', min: 0, max: 1 },
  upper_quantile: { type: 'number', min: 0, max: 1 },
};
const KEYS = ['lower', 'upper'] as const;

/** Parameters of {@link Clipper}: a fixed bound or a fitted quantile on each side (or neither). */
export type ClipperParams = {
  /** Columns to clip; default every numeric and integer column. */
  columns?: readonly string[];
  /** Fixed lower bound. */
  lower?: number;
  /** Fixed upper bound. */
  upper?: number;
  /** Lower bound fitted as this quantile (0–1) of each column, e.g. 0.01. */
  lower_quantile?: number;
  /** Upper bound fitted as this quantile (0–1) of each column, e.g. 0.99. */
  upper_quantile?: number;
};

type State = ColumnNumbers<(typeof KEYS)[number]>;

/**
 * Limits values to [lower, upper], with bounds either fixed or fitted as
 * quantiles of the training rows (winsorising). NaN stays NaN.
 *
 * @example
 * ```ts
 * new Clipper({ columns: ['income'], upper_quantile: 0.99 }).fitTransform(frame);
 * new Clipper({ columns: ['age'], lower: 0, upper: 120 }).fitTransform(frame);
 * ```
 */
export class Clipper extends BaseTransformer<ClipperParams, State> {
  /** The registry key of this transformer. */
  static readonly kind = KIND;

  constructor(params: ClipperParams = {}) {
    super(KIND, DEFS, params);
    const p = this.params;
    if (p.lower !== undefined && p.lower_quantile !== undefined) throw badParam(KIND, 'lower and lower_quantile are both set', 'give one of them');
    if (p.upper !== undefined && p.upper_quantile !== undefined) throw badParam(KIND, 'upper and upper_quantile are both set', 'give one of them');
    if (p.lower === undefined && p.upper === undefined && p.lower_quantile === undefined && p.upper_quantile === undefined) {
      throw badParam(KIND, 'no bound is set', 'set lower, upper, lower_quantile or upper_quantile');
    }
    if (p.lower !== undefined && p.upper !== undefined && p.lower > p.upper) throw badParam(KIND, `lower=${p.lower} is above upper=${p.upper}`, 'use lower ≤ upper');
    if (p.lower_quantile !== undefined && p.upper_quantile !== undefined && p.lower_quantile > p.upper_quantile) {
      throw badParam(KIND, `lower_quantile=${p.lower_quantile} is above upper_quantile=${p.upper_quantile}`, 'use lower_quantile ≤ upper_quantile');
    }
  }

  protected learn(frame: Frame): State {
    const p = this.params;
    const columns = resolveColumns(KIND, frame, p.columns, TYPES);
    const lower = new Float64Array(columns.length).fill(p.lower ?? -Infinity);
    const upper = new Float64Array(columns.length).fill(p.upper ?? Infinity);
    if (p.lower_quantile !== undefined || p.upper_quantile !== undefined) {
      columns.forEach((name, j) => {
        const sorted = sortedPresent(numericOf(KIND, frame, name, TYPES).values);
        if (sorted.length === 0) return;
        if (p.lower_quantile !== undefined) lower[j] = quantileSorted(sorted, p.lower_quantile);
        if (p.upper_quantile !== undefined) upper[j] = quantileSorted(sorted, p.upper_quantile);
      });
    }
    return { columns, lower, upper };
  }

  protected apply(frame: Frame, s: State, alloc: ColumnAllocator): Frame {
    return mapNumeric(KIND, frame, s.columns, TYPES, 'numeric', alloc, (src, out, j) => {
      const lo = s.lower[j];
      const hi = s.upper[j];
      for (let i = 0; i < src.length; i++) {
        const v = src[i];
        out[i] = v < lo ? lo : v > hi ? hi : v;
      }
    });
  }

  protected saveState(s: State): Record<string, unknown> {
    return saveColumnNumbers(s, KEYS);
  }

  protected loadState(state: unknown): State {
    return loadColumnNumbers(KIND, state, KEYS);
  }
}
