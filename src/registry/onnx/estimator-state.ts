import { type EnsembleArrays, type EstimatorJSON, estimatorFromJSON } from '../../estimators/index.js';
import '../../estimators/builtins.js';

/** A tree ensemble's flat arrays, as gbdt and forest save them; node i is a leaf when feature[i] < 0. */
export type { EnsembleArrays };

/** What a tree model knows of one feature (FeatureSpec in the estimators). */
export interface TreeFeature {
  name: string;
  categorical: boolean;
  dictionary: string[] | null;
}

/** The learned state of a gbdt or forest, read from its saved JSON. */
export interface TreeModel {
  kind: 'gbdt' | 'forest';
  trees: EnsembleArrays;
  specs: TreeFeature[];
  /** gbdt: the starting score per output; forest: null. */
  init: Float64Array | null;
}

/** The learned state of `linear` (one row) or `logistic` (one row per output). */
export interface LinearModel {
  coef: Float64Array;
  intercept: Float64Array;
  rows: number;
}

/**
 * Checks a saved estimator by rebuilding it with its own `fromJSON` (which
 * validates the state it reads), so the export reads only states the
 * estimator itself accepts. Nothing is executed: states are data.
 */
export function checkedState(json: EstimatorJSON): Record<string, unknown> {
  estimatorFromJSON(json);
  return json.state;
}

/** The trees of a gbdt or forest. */
export function treeModel(json: EstimatorJSON): TreeModel {
  const s = checkedState(json);
  return { kind: json.kind as 'gbdt' | 'forest', trees: s.trees as EnsembleArrays, specs: s.specs as TreeFeature[], init: json.kind === 'gbdt' ? (s.init as Float64Array) : null };
}

/** Coefficients (rows × features, row-major) and intercepts of linear or logistic. */
export function linearModel(json: EstimatorJSON): LinearModel {
  const s = checkedState(json);
  const intercept = typeof s.intercept === 'number' ? Float64Array.of(s.intercept) : (s.intercept as Float64Array);
  return { coef: s.coef as Float64Array, intercept, rows: intercept.length };
}
