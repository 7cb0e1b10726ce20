import { decodeNumber, type TransformerJSON } from '../../data/pipeline/index.js';
import { attr, doubleTensor, int64Tensor, type GraphBuilder } from './graph-builder.js';
import { type Columns, numOf, replaceColumn, scalar, toDouble } from './export-columns.js';

/** One numeric step's learned state, read from the pipeline JSON the Pipeline already validated. */
function numbers(step: TransformerJSON, key: string): number[] {
  return (step.state[key] as unknown[]).map((x) => decodeNumber(x, `${step.kind} ${key}`));
}

function columnsOf(step: TransformerJSON): string[] {
  return step.state.columns as string[];
}

/** Replaces each of the step's columns by `f(value, j)`, a double [N, 1]. */
function mapEach(cols: Columns, step: TransformerJSON, f: (v: string, j: number) => string): Columns {
  let out = cols;
  columnsOf(step).forEach((name, j) => {
    out = replaceColumn(out, name, [[name, { kind: 'num', value: f(numOf(out, name, step.kind), j) }]]);
  });
  return out;
}

/** (x − centre) / scale, as Lathe computes it (a division, not a multiplication): `standard_scale` and `robust_scale`. */
function centreScale(centreKey: string): (g: GraphBuilder, cols: Columns, step: TransformerJSON) => Columns {
  return (g, cols, step) => {
    const centre = numbers(step, centreKey);
    const scale = numbers(step, 'scale');
    return mapEach(cols, step, (v, j) => g.node('Div', [g.node('Sub', [v, scalar(g, centreKey, centre[j])]), scalar(g, 'scale', scale[j])]));
  };
}

/** `standard_scale`: (x − mean) / scale. */
export const exportStandardScale = centreScale('mean');

/** `robust_scale`: (x − median) / scale. */
export const exportRobustScale = centreScale('center');

/** `minmax_scale`: x · scale + offset. */
export function exportMinMaxScale(g: GraphBuilder, cols: Columns, step: TransformerJSON): Columns {
  const scale = numbers(step, 'scale');
  const offset = numbers(step, 'offset');
  return mapEach(cols, step, (v, j) => g.node('Add', [g.node('Mul', [v, scalar(g, 'scale', scale[j])]), scalar(g, 'offset', offset[j])]));
}

/** `clip`: x below lower → lower, above upper → upper; NaN stays NaN (two Wheres, as Lathe's comparisons). */
export function exportClip(g: GraphBuilder, cols: Columns, step: TransformerJSON): Columns {
  const lower = numbers(step, 'lower');
  const upper = numbers(step, 'upper');
  return mapEach(cols, step, (v, j) => {
    const lo = scalar(g, 'lower', lower[j]);
    const hi = scalar(g, 'upper', upper[j]);
    const high = g.node('Where', [g.node('Greater', [v, hi]), hi, v]);
    return g.node('Where', [g.node('Less', [v, lo]), lo, high]);
  });
}

/**
 * `log1p` (or sign(x)·log1p(|x|) when signed). ONNX has no Log1p, so it is
 * Goldberg's accurate form: u = 1 + x; u == 1 ? x : log(u)·x / (u − 1),
 * within a few ulps of Math.log1p (not bit-identical).
 */
export function exportLog1p(g: GraphBuilder, cols: Columns, step: TransformerJSON): Columns {
  const signed = step.params.signed === true;
  return mapEach(cols, step, (v) => {
    if (!signed) return log1p(g, v);
    const neg = g.node('Less', [v, scalar(g, 'zero', 0)]);
    const sign = g.node('Where', [neg, scalar(g, 'minus_one', -1), scalar(g, 'one', 1)]);
    return g.node('Mul', [log1p(g, g.node('Abs', [v])), sign]);
  });
}

function log1p(g: GraphBuilder, x: string): string {
  const u = g.node('Add', [x, scalar(g, 'one', 1)]);
  const exact = g.node('Div', [g.node('Mul', [g.node('Log', [u]), x]), g.node('Sub', [u, scalar(g, 'one', 1)])]);
  return g.node('Where', [g.node('Equal', [u, scalar(g, 'one', 1)]), x, exact]);
}

/** `quantile_bin`: the bin is the count of inner edges ≤ x (Lathe's upper bound); NaN stays NaN. */
export function exportQuantileBin(g: GraphBuilder, cols: Columns, step: TransformerJSON): Columns {
  const edges = (step.state.edges as unknown[][]).map((e) => e.map((x) => decodeNumber(x, 'quantile_bin edge')));
  return mapEach(cols, step, (v, j) => {
    const e = edges[j];
    const inner = e.slice(1, Math.max(1, e.length - 1));
    const nan = g.node('IsNaN', [v]);
    let bins: string;
    if (inner.length === 0) bins = toDouble(g, g.node('Less', [v, v])); // 0 for every number
    else {
      const le = toDouble(g, g.node('LessOrEqual', [g.constant('edges', doubleTensor(inner, [1, inner.length])), v]));
      bins = g.node('ReduceSum', [le, g.constant('axis', int64Tensor([1]))], [attr.int('keepdims', 1)]);
    }
    return g.node('Where', [nan, scalar(g, 'nan', NaN), bins]);
  });
}
