import type { Frame } from '../../core/index.js';
import type { ColumnAllocator } from './allocator.js';
import { NUMBER_TYPES, mapNumeric, numericOf, resolveColumns } from './columns.js';
import { badParam, type ParamDefs } from './params.js';
import { loadColumnNumbers, saveColumnNumbers, type ColumnNumbers } from './state-json.js';
import { medianSorted, quantileSorted, sortedPresent } from './stats.js';
import { BaseTransformer } from './transformer.js';

const KIND = 'robust_scale';
const DEFS: ParamDefs = {
  columns: { type: 'columns' },
  with_centering: { type: 'boolean', default: true },
  with_scaling: { type: 'boolean', default: true },
  q_low: { type: 'number', default: 25, min: 0, max: 100 },
  q_high: { type: 'number', default: 75, min: 0, max: 100 },
};
const KEYS = ['center', 'scale'] as const;

/** Parameters of {@link RobustScaler}. */
export type RobustScalerParams = {
  /** Columns to scale; default every numeric, integer and boolean column. */
  columns?: readonly string[];
  /** Subtract the median; default true. */
  with_centering?: boolean;
  /** Divide by the inter-quantile range; default true. */
  with_scaling?: boolean;
  /** Lower percentile of the range, 0–100; default 25. */
  q_low?: number;
  /** Upper percentile of the range, 0–100; default 75. */
  q_high?: number;
};

type State = ColumnNumbers<(typeof KEYS)[number]>;

/**
 * Centres on the median and divides by the inter-quartile range, so
 * outliers do not set the scale. Same definition as scikit-learn's
 * RobustScaler: NaN ignored at fit, percentiles by linear interpolation,
 * a zero range replaced by 1.
 *
 * @example
 * ```ts
 * new RobustScaler({ columns: ['income'] }).fitTransform(frame); // (x - median) / (p75 - p25)
 * ```
 */
export class RobustScaler extends BaseTransformer<RobustScalerParams, State> {
  /** The registry key of this transformer. */
  static readonly kind = KIND;

  constructor(params: RobustScalerParams = {}) {
    super(KIND, DEFS, params);
    if (!(this.params.q_low! < this.params.q_high!)) {
      throw badParam(KIND, `q_low=${this.params.q_low} must be less than q_high=${this.params.q_high}`, 'use percentiles with q_low < q_high, e.g. q_low=25,q_high=75');
    }
  }

  protected learn(frame: Frame): State {
    const columns = resolveColumns(KIND, frame, this.params.columns, NUMBER_TYPES);
    const center = new Float64Array(columns.length);
    const scale = new Float64Array(columns.length).fill(1);
    columns.forEach((name, j) => {
      const sorted = sortedPresent(numericOf(KIND, frame, name, NUMBER_TYPES).values);
      if (sorted.length === 0) return;
      if (this.params.with_centering) center[j] = medianSorted(sorted);
      if (this.params.with_scaling) {
        const iqr = quantileSorted(sorted, this.params.q_high! / 100) - quantileSorted(sorted, this.params.q_low! / 100);
        scale[j] = iqr < 10 * Number.EPSILON ? 1 : iqr;
      }
    });
    return { columns, center, scale };
  }

  protected apply(frame: Frame, s: State, alloc: ColumnAllocator): Frame {
    return mapNumeric(KIND, frame, s.columns, NUMBER_TYPES, 'numeric', alloc, (src, out, j) => {
      const c = s.center[j];
      const sc = s.scale[j];
      for (let i = 0; i < src.length; i++) out[i] = (src[i] - c) / sc;
    });
  }

  protected saveState(s: State): Record<string, unknown> {
    return saveColumnNumbers(s, KEYS);
  }

  protected loadState(state: unknown): State {
    return loadColumnNumbers(KIND, state, KEYS);
  }
}
