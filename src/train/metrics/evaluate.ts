/**
 * `evaluate(task, …)`: every metric of a task in one call, keyed as DESIGN.md
 * lists them, with curves, tables and scikit-learn's warnings alongside.
 */
import type { Task } from '../../estimators/index.js';
import { LatheError } from '../../errors.js';
import { accuracy, balancedAccuracy } from './accuracy.js';
import { brierBinary, brierMulticlass } from './brier.js';
import { calibrationTable, type CalibrationBin } from './calibration.js';
import { centroids, clusterSizes, inertia } from './clustering.js';
import { confusionMatrix, matrixRows } from './confusion-matrix.js';
import { argmaxRows, checkClassCount, checkClassIndices, checkLength, checkNonEmpty, checkProba, column, type Scored } from './inputs.js';
import { logLoss } from './log-loss.js';
import { precisionRecallF1, type Average } from './precision-recall-f1.js';
import { binaryRanking, ovrRanking } from './ranking.js';
import { residualQuantiles, type ResidualQuantiles } from './quantiles.js';
import { explainedVariance, mae, mape, r2, rmse } from './regression.js';
import { silhouetteScore } from './silhouette.js';

/** Class indices and/or probabilities of a binary or multiclass model. */
export interface ClassificationInput {
  /** True class index per row, in [0, k). */
  yTrue: Int32Array;
  /** Predicted class index per row; defaults to the argmax of `proba` (first on ties). */
  yPred?: Int32Array;
  /** n × k class probabilities, row-major; without it the probability metrics are left out. */
  proba?: Float64Array;
  /** Number of classes: 2 for binary, where class 1 is the positive class. */
  k: number;
  sampleWeight?: Float64Array;
}

/** Targets and predictions of a regression model. */
export interface RegressionInput {
  yTrue: Float64Array;
  yPred: Float64Array;
  sampleWeight?: Float64Array;
}

/** Features and cluster assignments of a clustering model. */
export interface ClusteringInput {
  /** n × d features, row-major, in the space the model clustered. */
  X: Float64Array;
  d: number;
  /** Cluster index per row, ≥ 0. */
  labels: Int32Array;
  /** K × d centres; without them inertia is measured to each cluster's mean. */
  centres?: Float64Array;
  /** Weights inertia (silhouette is unweighted, as in scikit-learn). */
  sampleWeight?: Float64Array;
}

/** The input each task takes. */
export interface EvaluateInputs {
  binary: ClassificationInput;
  multiclass: ClassificationInput;
  regression: RegressionInput;
  clustering: ClusteringInput;
}

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** Silhouette row limit before sampling; default 10 000. */
  silhouetteMaxRows?: number;
  /** Seed of the silhouette sample; default 0. */
  seed?: number;
  /** Bins of the calibration table; default 10. */
  calibrationBins?: number;
}

/** ROC and precision-recall curves of a binary model, as plain arrays for JSON. */
export interface Curves {
  roc: { fpr: number[]; tpr: number[]; thresholds: number[] };
  pr: { precision: number[]; recall: number[]; thresholds: number[] };
}

/** Everything {@link evaluate} reports; the optional parts depend on the task. */
export interface EvaluateResult {
  /** Metric key → value. An undefined metric is NaN (null in JSON) and has a warning. */
  metrics: Record<string, number>;
  /** Binary with probabilities. */
  curves?: Curves;
  /** Classification: k × k weighted counts, rows true, columns predicted. */
  confusion?: number[][];
  /** Binary with probabilities: non-empty bins only. */
  calibration?: CalibrationBin[];
  /** Regression: percentiles of yTrue − yPred. */
  residual_quantiles?: ResidualQuantiles;
  /** Clustering: rows per cluster. */
  cluster_sizes?: number[];
  /** Clustering: rows the silhouette was computed on. */
  sample_size?: number;
  /** What scikit-learn would have warned about, each prefixed with its metric key; no duplicates. */
  warnings: string[];
}

/**
 * Scores predictions for a task with scikit-learn 1.2's definitions.
 *
 * - binary: accuracy, balanced_accuracy, precision, recall, f1 (positive
 *   class 1), their `_macro` and `_weighted` forms, and with `proba`
 *   roc_auc, average_precision, log_loss, brier (of p₁), curves and calibration;
 * - multiclass: the same without the plain precision/recall/f1, with
 *   one-vs-rest macro roc_auc and average_precision, and the multiclass Brier score;
 * - regression: rmse, mae, mape, r2, explained_variance and residual quantiles;
 * - clustering: silhouette, inertia, cluster sizes and the silhouette's sample size.
 *
 * @example
 * ```ts
 * const r = evaluate('binary', {
 *   yTrue: new Int32Array([0, 0, 1, 1]),
 *   proba: new Float64Array([0.9, 0.1, 0.6, 0.4, 0.65, 0.35, 0.2, 0.8]),
 *   k: 2,
 * });
 * r.metrics.roc_auc; // 0.75
 * ```
 */
export function evaluate<T extends Task>(task: T, input: EvaluateInputs[T], options: EvaluateOptions = {}): EvaluateResult {
  switch (task) {
    case 'binary':
    case 'multiclass':
      return evaluateClassification(task, input as ClassificationInput, options);
    case 'regression':
      return evaluateRegression(input as RegressionInput);
    case 'clustering':
      return evaluateClustering(input as ClusteringInput, options);
    default:
      throw new LatheError('BAD_INPUT', `unknown task "${String(task)}"`, {
        hint: 'use regression, binary, multiclass or clustering',
      });
  }
}

/** Collects warnings once each, prefixed by the metric they concern. */
class WarningSink {
  private readonly seen = new Set<string>();
  add(key: string, messages: readonly string[]): void {
    for (const m of messages) this.seen.add(`${key}: ${m}`);
  }
  list(): string[] {
    return [...this.seen];
  }
}

function take(metrics: Record<string, number>, sink: WarningSink, key: string, scored: Scored): void {
  metrics[key] = scored.value;
  sink.add(key, scored.warnings);
}

function evaluateClassification(task: 'binary' | 'multiclass', input: ClassificationInput, options: EvaluateOptions): EvaluateResult {
  const { yTrue, proba, k, sampleWeight: w } = input;
  checkClassCount(k, 2);
  if (task === 'binary' && k !== 2) throw new LatheError('BAD_INPUT', `binary task with k = ${k}`, { hint: 'binary tasks have k = 2' });
  const n = yTrue.length;
  checkNonEmpty(n);
  checkClassIndices('yTrue', yTrue, k);
  if (proba) checkProba(proba, n, k);
  if (!input.yPred && !proba) throw new LatheError('BAD_INPUT', 'neither yPred nor proba given', { hint: 'pass predicted classes, probabilities or both' });
  const yPred = input.yPred ?? argmaxRows(proba!, k);
  checkLength('yPred', yPred, n);
  const metrics: Record<string, number> = {};
  const sink = new WarningSink();
  metrics.accuracy = accuracy(yTrue, yPred, w);
  take(metrics, sink, 'balanced_accuracy', balancedAccuracy(yTrue, yPred, k, w));
  const averages: [Average, string][] = [['macro', '_macro'], ['weighted', '_weighted']];
  if (task === 'binary') averages.unshift(['binary', '']);
  for (const [average, suffix] of averages) {
    const r = precisionRecallF1(yTrue, yPred, k, { average, sampleWeight: w });
    metrics[`precision${suffix}`] = r.precision;
    metrics[`recall${suffix}`] = r.recall;
    metrics[`f1${suffix}`] = r.f1;
    // Route each message to the metric whose sklearn function would raise it.
    for (const m of r.warnings) sink.add(`${m.startsWith('Precision') ? 'precision' : m.startsWith('Recall') ? 'recall' : 'f1'}${suffix}`, [m]);
  }
  const result: EvaluateResult = { metrics, warnings: [] };
  if (proba) {
    if (task === 'binary') binaryProbaMetrics(result, sink, yTrue, proba, w, options.calibrationBins ?? 10);
    else {
      const ovr = ovrRanking(yTrue, proba, k, w);
      take(metrics, sink, 'roc_auc', ovr.rocAuc);
      take(metrics, sink, 'average_precision', ovr.averagePrecision);
      metrics.log_loss = logLoss(yTrue, proba, k, w);
      metrics.brier = brierMulticlass(yTrue, proba, k, w);
    }
  }
  result.confusion = matrixRows(confusionMatrix(yTrue, yPred, k, w), k);
  result.warnings = sink.list();
  return result;
}

function binaryProbaMetrics(
  result: EvaluateResult,
  sink: WarningSink,
  yTrue: Int32Array,
  proba: Float64Array,
  w: Float64Array | undefined,
  bins: number,
): void {
  const p1 = column(proba, 2, 1);
  const { metrics } = result;
  const { roc, pr, rocAuc, averagePrecision } = binaryRanking(yTrue, p1, w);
  take(metrics, sink, 'roc_auc', rocAuc);
  take(metrics, sink, 'average_precision', averagePrecision);
  metrics.log_loss = logLoss(yTrue, proba, 2, w);
  metrics.brier = brierBinary(yTrue, p1, w);
  sink.add('roc_curve', roc.warnings);
  sink.add('precision_recall_curve', pr.warnings);
  result.curves = {
    roc: { fpr: Array.from(roc.fpr), tpr: Array.from(roc.tpr), thresholds: Array.from(roc.thresholds) },
    pr: { precision: Array.from(pr.precision), recall: Array.from(pr.recall), thresholds: Array.from(pr.thresholds) },
  };
  result.calibration = calibrationTable(yTrue, p1, bins);
}

function evaluateRegression(input: RegressionInput): EvaluateResult {
  const { yTrue, yPred, sampleWeight: w } = input;
  const metrics: Record<string, number> = {};
  const sink = new WarningSink();
  metrics.rmse = rmse(yTrue, yPred, w);
  metrics.mae = mae(yTrue, yPred, w);
  metrics.mape = mape(yTrue, yPred, w);
  take(metrics, sink, 'r2', r2(yTrue, yPred, w));
  metrics.explained_variance = explainedVariance(yTrue, yPred, w);
  return { metrics, residual_quantiles: residualQuantiles(yTrue, yPred), warnings: sink.list() };
}

function evaluateClustering(input: ClusteringInput, options: EvaluateOptions): EvaluateResult {
  const { X, d, labels, centres, sampleWeight: w } = input;
  checkNonEmpty(labels.length);
  const k = centres ? centres.length / d : undefined;
  const sizes = clusterSizes(labels, k);
  const sil = silhouetteScore(X, d, labels, { maxRows: options.silhouetteMaxRows, seed: options.seed });
  const sink = new WarningSink();
  sink.add('silhouette', sil.warnings);
  const metrics: Record<string, number> = {
    silhouette: sil.value,
    inertia: inertia(X, d, labels, centres ?? centroids(X, d, labels, sizes.length, w), w),
  };
  return { metrics, cluster_sizes: Array.from(sizes), sample_size: sil.sampleSize, warnings: sink.list() };
}
