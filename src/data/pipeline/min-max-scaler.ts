import type { Frame } from '../../core/index.js';
import type { ColumnAllocator } from './allocator.js';
import { NUMBER_TYPES, mapNumeric, numericOf, resolveColumns } from './columns.js';
import { badParam, type ParamDefs } from './params.js';
import { loadColumnNumbers, saveColumnNumbers, type ColumnNumbers } from './state-json.js';
import { BaseTransformer } from './transformer.js';

const KIND = 'minmax_scale';
const DEFS: ParamDefs = {
  columns: { type: 'columns' },
  min: { type: 'number', default: 0 },
  max: { type: 'number', default: 1 },
};
const KEYS = ['scale', 'offset'] as const;

/** Parameters of {@link MinMaxScaler}. */
export type MinMaxScalerParams = {
  /** Columns to scale; default every numeric, integer and boolean column. */
  columns?: readonly string[];
  /** Lower end of the output range; default 0. */
  min?: number;
  /** Upper end of the output range; default 1. */
  max?: number;
};

type State = ColumnNumbers<(typeof KEYS)[number]>;

/**
 * Maps each column's fitted [min, max] linearly onto [min, max] of the
 * params (default [0, 1]); values outside the fitted range land outside the
 * output range. As scikit-learn's MinMaxScaler: `x * scale + offset`, and a
 * constant column gets range 1.
 *
 * @example
 * ```ts
 * new MinMaxScaler({ columns: ['x'] }).fitTransform(frame); // x → (x - min) / (max - min)
 * ```
 */
export class MinMaxScaler extends BaseTransformer<MinMaxScalerParams, State> {
  /** The registry key of this transformer. */
  static readonly kind = KIND;

  constructor(params: MinMaxScalerParams = {}) {
    super(KIND, DEFS, params);
    if (!(this.params.min! < this.params.max!)) {
      throw badParam(KIND, `min=${this.params.min} must be less than max=${this.params.max}`, 'pick an output range with min < max, e.g. min=0,max=1');
    }
  }

  protected learn(frame: Frame): State {
    const columns = resolveColumns(KIND, frame, this.params.columns, NUMBER_TYPES);
    const scale = new Float64Array(columns.length);
    const offset = new Float64Array(columns.length);
    const lo = this.params.min!;
    const hi = this.params.max!;
    columns.forEach((name, j) => {
      const [dmin, dmax] = range(numericOf(KIND, frame, name, NUMBER_TYPES).values);
      const width = dmax - dmin;
      scale[j] = (hi - lo) / (width < 10 * Number.EPSILON || !Number.isFinite(width) ? 1 : width);
      offset[j] = Number.isFinite(dmin) ? lo - dmin * scale[j] : lo;
    });
    return { columns, scale, offset };
  }

  protected apply(frame: Frame, s: State, alloc: ColumnAllocator): Frame {
    return mapNumeric(KIND, frame, s.columns, NUMBER_TYPES, 'numeric', alloc, (src, out, j) => {
      const a = s.scale[j];
      const b = s.offset[j];
      for (let i = 0; i < src.length; i++) out[i] = src[i] * a + b;
    });
  }

  protected saveState(s: State): Record<string, unknown> {
    return saveColumnNumbers(s, KEYS);
  }

  protected loadState(state: unknown): State {
    return loadColumnNumbers(KIND, state, KEYS);
  }
}

function range(values: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}
