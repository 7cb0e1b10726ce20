export type { Estimator, EstimatorJSON, FitOptions, Task, Params, ParamValue, FeatureImportance } from './estimator.js';
export { type ParamSpec, SEED_PARAM, resolveParams, describeRange } from './params.js';
export {
  type EstimatorFactory,
  registerEstimator,
  estimatorFactory,
  estimatorKinds,
  createEstimator,
  estimatorFromJSON,
} from './registry.js';
export { toClassTarget, toRegressionTarget, checkFeatureFrame, checkPredictFrame, notFitted, type ClassTarget } from './target.js';
export { toPortableJSON, fromPortableJSON } from './portable-json.js';
export { detectTask, type DetectedTask, type DetectTaskOptions } from './detect-task.js';
export type { EnsembleArrays } from './tree/ensemble.js';
