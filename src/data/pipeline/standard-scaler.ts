import type { Frame } from '../../core/index.js';
import type { ColumnAllocator } from './allocator.js';
import { NUMBER_TYPES, mapNumeric, numericOf, resolveColumns } from './columns.js';
import type { ParamDefs } from './params.js';
import { loadColumnNumbers, saveColumnNumbers, type ColumnNumbers } from './state-json.js';
import { meanVar } from './stats.js';
import { BaseTransformer } from './transformer.js';

const KIND = 'standard_scale';
const DEFS: ParamDefs = {
  columns: { type: 'columns' },
  with_mean: { type: 'boolean', default: true },
  with_std: { type: 'boolean', default: true },
};
const KEYS = ['mean', 'scale'] as const;

/** Parameters of {@link StandardScaler}. */
export type StandardScalerParams = {
  /** Columns to scale; default every numeric, integer and boolean column. */
  columns?: readonly string[];
  /** Subtract the mean; default true. */
  with_mean?: boolean;
  /** Divide by the standard deviation; default true. */
  with_std?: boolean;
};

type State = ColumnNumbers<(typeof KEYS)[number]>;

/**
 * Centres each column on its mean and divides by its population standard
 * deviation (ddof 0), ignoring NaN at fit and passing NaN through, as
 * scikit-learn's StandardScaler. A constant column gets scale 1 instead of
 * a division by zero.
 *
 * @example
 * ```ts
 * new StandardScaler({ columns: ['x'] }).fitTransform(frame); // x → (x - mean) / std
 * ```
 */
export class StandardScaler extends BaseTransformer<StandardScalerParams, State> {
  /** The registry key of this transformer. */
  static readonly kind = KIND;

  constructor(params: StandardScalerParams = {}) {
    super(KIND, DEFS, params);
  }

  protected learn(frame: Frame): State {
    const columns = resolveColumns(KIND, frame, this.params.columns, NUMBER_TYPES);
    const mean = new Float64Array(columns.length);
    const scale = new Float64Array(columns.length).fill(1);
    columns.forEach((name, j) => {
      const { mean: m, variance, count } = meanVar(numericOf(KIND, frame, name, NUMBER_TYPES).values);
      // An all-missing column keeps NaN → NaN rather than inventing a centre.
      mean[j] = this.params.with_mean ? (count === 0 ? 0 : m) : 0;
      if (this.params.with_std && count > 0) scale[j] = isConstant(variance, m, count) ? 1 : Math.sqrt(variance);
    });
    return { columns, mean, scale };
  }

  protected apply(frame: Frame, s: State, alloc: ColumnAllocator): Frame {
    return mapNumeric(KIND, frame, s.columns, NUMBER_TYPES, 'numeric', alloc, (src, out, j) => {
      const m = s.mean[j];
      const sc = s.scale[j];
      // Divide rather than multiply by 1/scale so results match scikit-learn bit for bit.
      for (let i = 0; i < src.length; i++) out[i] = (src[i] - m) / sc;
    });
  }

  protected saveState(s: State): Record<string, unknown> {
    return saveColumnNumbers(s, KEYS);
  }

  protected loadState(state: unknown): State {
    return loadColumnNumbers(KIND, state, KEYS);
  }
}

/**
 * scikit-learn's test for a constant feature: a variance within rounding
 * error of zero, so that float noise is not blown up into unit variance.
 */
function isConstant(variance: number, mean: number, n: number): boolean {
  const eps = Number.EPSILON;
  const bound = n * eps * variance + (n * mean * eps) ** 2;
  return variance <= bound || Math.sqrt(variance) < 10 * eps;
}
