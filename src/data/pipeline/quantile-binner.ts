import type { Frame } from '../../core/index.js';
import type { ColumnAllocator } from './allocator.js';
import { mapNumeric, numericOf, resolveColumns } from './columns.js';
import type { ParamDefs } from './params.js';
import { StateReader, encodeNumbers, numberList, stringList } from './state-json.js';
import { quantileSorted, sortedPresent } from './stats.js';
import { BaseTransformer } from './transformer.js';

const KIND = 'quantile_bin';
const TYPES = ['numeric', 'integer'] as const;
const DEFS: ParamDefs = {
  columns: { type: 'columns' },
  n_bins: { type: 'number', integer: true, default: 5, min: 2, max: 1000 },
};

/** Parameters of {@link QuantileBinner}. */
export type QuantileBinnerParams = {
  /** Columns to bin; default every numeric and integer column. */
  columns?: readonly string[];
  /** Number of bins; default 5. Fewer when quantiles coincide. */
  n_bins?: number;
};

interface State {
  columns: string[];
  /** Per column, the bin edges from the minimum to the maximum. */
  edges: Float64Array[];
}

/**
 * Replaces each value with the index of its quantile bin (0 … bins-1), as
 * scikit-learn's `KBinsDiscretizer(strategy='quantile', encode='ordinal')`:
 * edges at the linearly-interpolated percentiles 0, 100/n, …, 100, edges
 * closer than 1e-8 merged, values outside the fitted range put in the first
 * or last bin. NaN stays NaN.
 *
 * @example
 * ```ts
 * new QuantileBinner({ columns: ['age'], n_bins: 4 }).fitTransform(frame); // age → 0..3
 * ```
 */
export class QuantileBinner extends BaseTransformer<QuantileBinnerParams, State> {
  /** The registry key of this transformer. */
  static readonly kind = KIND;

  constructor(params: QuantileBinnerParams = {}) {
    super(KIND, DEFS, params);
  }

  /** The fitted bin edges of a column. */
  edges(column: string): Float64Array {
    const s = this.state();
    const j = s.columns.indexOf(column);
    return s.edges[j] ?? new Float64Array(0);
  }

  protected learn(frame: Frame): State {
    const columns = resolveColumns(KIND, frame, this.params.columns, TYPES);
    const edges = columns.map((name) => fitEdges(sortedPresent(numericOf(KIND, frame, name, TYPES).values), this.params.n_bins!));
    return { columns, edges };
  }

  protected apply(frame: Frame, s: State, alloc: ColumnAllocator): Frame {
    return mapNumeric(KIND, frame, s.columns, TYPES, 'integer', alloc, (src, out, j) => {
      const e = s.edges[j];
      // Only the inner edges decide the bin: the outer ones are open-ended.
      const inner = e.subarray(1, Math.max(1, e.length - 1));
      for (let i = 0; i < src.length; i++) out[i] = src[i] === src[i] ? upperBound(inner, src[i]) : NaN;
    });
  }

  protected saveState(s: State): Record<string, unknown> {
    return { columns: s.columns, edges: s.edges.map((e) => encodeNumbers(e)) };
  }

  protected loadState(state: unknown): State {
    const r = new StateReader(KIND, state);
    const columns = stringList(r.raw('columns'), `${KIND} columns`);
    return { columns, edges: r.lists('edges', columns.length, (v) => numberList(v, `${KIND} edges`)) };
  }
}

function fitEdges(sorted: Float64Array, nBins: number): Float64Array {
  if (sorted.length === 0) return new Float64Array(0);
  const raw = new Float64Array(nBins + 1);
  // Percentiles as np.linspace(0, 100, n + 1) then / 100, so edges match scikit-learn to the bit.
  const step = 100 / nBins;
  for (let k = 0; k <= nBins; k++) raw[k] = quantileSorted(sorted, k === nBins ? 1 : (k * step) / 100);
  const kept: number[] = [raw[0]];
  for (let k = 1; k <= nBins; k++) if (raw[k] - raw[k - 1] > 1e-8) kept.push(raw[k]);
  return Float64Array.from(kept);
}

/** How many edges are ≤ x (NumPy's `searchsorted(…, side='right')`). */
function upperBound(edges: Float64Array, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
