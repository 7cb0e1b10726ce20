import { LatheError } from '../../errors.js';
import type { EstimatorJSON } from '../../estimators/index.js';
import { checkedState, linearModel, treeModel } from './estimator-state.js';
import { treeEnsemble } from './export-trees.js';
import { attr, doubleTensor, int64Tensor, type GraphBuilder } from './graph-builder.js';
import { scalar } from './export-columns.js';

/** What an estimator's part of the graph computes. */
export type EstimatorOutput =
  | { kind: 'value'; value: string }
  | { kind: 'proba'; proba: string }
  | { kind: 'cluster'; cluster: string };

/** What the estimator part needs: the feature matrix and a graph input to take the batch size from. */
export interface EstimatorInput {
  /** Double [N, F], features in the estimator's order; null when F = 0. */
  x: string | null;
  /** Any graph input of shape [N, 1]. */
  anyInput: string;
}

/** The estimator kinds ONNX export covers. */
export const EXPORTABLE_ESTIMATORS = ['gbdt', 'forest', 'linear', 'logistic', 'kmeans', 'baseline'] as const;

/**
 * Emits the estimator: trees as ai.onnx.ml TreeEnsemble, linear models as a
 * double MatMul + Add (the ai.onnx.ml LinearRegressor/LinearClassifier
 * compute in float32 and would miss Lathe's values by far more than 1e-6),
 * probabilities with Sigmoid or Softmax as Lathe does, k-means as the
 * nearest centre. Returns a value [N, 1], probabilities [N, K] or cluster
 * ids [N] (int64).
 */
export function exportEstimator(g: GraphBuilder, json: EstimatorJSON, input: EstimatorInput): EstimatorOutput {
  const x = input.x;
  if (json.kind === 'baseline') return baseline(g, json, input.anyInput);
  if (x === null) throw new LatheError('UNSUPPORTED_FORMAT', `a ${json.kind} model with no features cannot be exported`, { hint: 'train it on at least one feature' });
  switch (json.kind) {
    case 'gbdt':
    case 'forest':
      return trees(g, json, x);
    case 'linear': {
      const m = linearModel(json);
      return { kind: 'value', value: affine(g, x, m.coef, m.intercept, 1) };
    }
    case 'logistic': {
      const m = linearModel(json);
      const z = affine(g, x, m.coef, m.intercept, m.rows);
      return { kind: 'proba', proba: m.rows === 1 ? binaryProba(g, g.node('Sigmoid', [z])) : g.node('Softmax', [z], [attr.int('axis', 1)]) };
    }
    case 'kmeans':
      return kmeans(g, json, x);
    default:
      throw new LatheError('UNSUPPORTED_FORMAT', `${json.kind} models cannot be exported to ONNX`, { hint: `ONNX export covers: ${EXPORTABLE_ESTIMATORS.join(', ')}` });
  }
}

function trees(g: GraphBuilder, json: EstimatorJSON, x: string): EstimatorOutput {
  const m = treeModel(json);
  const classes = json.classes?.length ?? 0;
  if (m.kind === 'gbdt') {
    const k = m.init!.length;
    const raw = g.node('Add', [treeEnsemble(g, x, m.trees, { targets: k, scale: 1 }), g.constant('init', doubleTensor(m.init!, [1, k]))]);
    if (json.task === 'regression') return { kind: 'value', value: raw };
    return { kind: 'proba', proba: k === 1 ? binaryProba(g, g.node('Sigmoid', [raw])) : g.node('Softmax', [raw], [attr.int('axis', 1)]) };
  }
  const width = m.trees.width;
  const avg = treeEnsemble(g, x, m.trees, { targets: width, scale: 1 / m.trees.treeRoot.length });
  if (json.task === 'regression') return { kind: 'value', value: avg };
  // Summing leaf distributions scaled by 1/n can land an ulp past 1; Lathe clamps, and so does the graph.
  const p = g.node('Clip', [avg, scalar(g, 'zero', 0), scalar(g, 'one', 1)]);
  return { kind: 'proba', proba: classes === 2 && width === 1 ? binaryProba(g, p) : p };
}

/** [1 − p, p] from P(class 1) [N, 1]. */
function binaryProba(g: GraphBuilder, p: string): string {
  return g.node('Concat', [g.node('Sub', [scalar(g, 'one', 1), p]), p], [attr.int('axis', 1)]);
}

/** x · coefᵀ + intercept, coef rows × F row-major → [N, rows]. */
function affine(g: GraphBuilder, x: string, coef: Float64Array, intercept: Float64Array, rows: number): string {
  const f = coef.length / rows;
  const t = new Float64Array(f * rows);
  for (let r = 0; r < rows; r++) for (let j = 0; j < f; j++) t[j * rows + r] = coef[r * f + j];
  const w = g.constant('coef', doubleTensor(t, [f, rows]));
  return g.node('Add', [g.node('MatMul', [x, w]), g.constant('intercept', doubleTensor(intercept, [1, rows]))]);
}

/** Nearest centre of the centred row: argmin over c of ‖c‖² − 2·x·c, first on ties as Lathe. */
function kmeans(g: GraphBuilder, json: EstimatorJSON, x: string): EstimatorOutput {
  const s = checkedState(json);
  const mean = s.mean as Float64Array;
  const centers = s.centers as Float64Array;
  const d = mean.length;
  const k = centers.length / d;
  const ct = new Float64Array(d * k);
  const cn = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < d; j++) {
      const v = centers[c * d + j] - mean[j];
      ct[j * k + c] = -2 * v;
      cn[c] += v * v;
    }
  }
  const centred = g.node('Sub', [x, g.constant('mean', doubleTensor(mean, [1, d]))]);
  const score = g.node('Add', [g.node('MatMul', [centred, g.constant('centres', doubleTensor(ct, [d, k]))]), g.constant('norms', doubleTensor(cn, [1, k]))]);
  return { kind: 'cluster', cluster: g.node('ArgMin', [score], [attr.int('axis', 1), attr.int('keepdims', 0)]) };
}

/** A constant per row: the training mean, or the class frequencies. */
function baseline(g: GraphBuilder, json: EstimatorJSON, anyInput: string): EstimatorOutput {
  const s = checkedState(json);
  const values = json.task === 'regression' ? Float64Array.of(s.mean as number) : (s.prior as Float64Array);
  const rows = g.node('Shape', [anyInput], [attr.int('start', 0), attr.int('end', 1)]);
  const shape = g.node('Concat', [rows, g.constant('width', int64Tensor([values.length]))], [attr.int('axis', 0)]);
  const out = g.node('Expand', [g.constant('baseline', doubleTensor(values, [1, values.length])), shape]);
  return json.task === 'regression' ? { kind: 'value', value: out } : { kind: 'proba', proba: out };
}
