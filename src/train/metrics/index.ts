export { evaluate, type EvaluateInputs, type EvaluateOptions, type EvaluateResult, type ClassificationInput, type RegressionInput, type ClusteringInput, type Curves } from './evaluate.js';
export { METRIC_KEYS, PRIMARY_METRIC, TASK_METRICS, checkTaskMetric, greaterIsBetter, isMetricKey, type MetricKey } from './metric-keys.js';
export { accuracy, balancedAccuracy } from './accuracy.js';
export { precisionRecallF1, type Average, type PrecisionRecallF1, type PrecisionRecallF1Options } from './precision-recall-f1.js';
export { confusionMatrix, matrixRows, presentLabels } from './confusion-matrix.js';
export { binaryClfCurve, type BinaryClfCurve } from './binary-clf-curve.js';
export { descendingOrder } from './descending-order.js';
export { rocCurve, rocCurveFromCounts, rocAuc, rocAucFromCurve, trapezoid, type RocCurve } from './roc.js';
export {
  precisionRecallCurve,
  precisionRecallCurveFromCounts,
  averagePrecision,
  averagePrecisionFromCurve,
  type PrecisionRecallCurve,
} from './average-precision.js';
export { binaryRanking, ovrRanking, rocAucOvr, averagePrecisionOvr, type BinaryRanking } from './ranking.js';
export { logLoss, LOG_LOSS_EPS } from './log-loss.js';
export { brierBinary, brierMulticlass } from './brier.js';
export { calibrationTable, type CalibrationBin } from './calibration.js';
export { rmse, mae, mape, r2, explainedVariance } from './regression.js';
export { percentiles, residualQuantiles, type ResidualQuantiles } from './quantiles.js';
export { silhouetteScore, SILHOUETTE_MAX_ROWS, type Silhouette, type SilhouetteOptions } from './silhouette.js';
export { inertia, centroids, clusterSizes } from './clustering.js';
export { pairwiseSum, average } from './pairwise-sum.js';
export type { Scored } from './inputs.js';
