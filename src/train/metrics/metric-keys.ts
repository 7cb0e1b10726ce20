/**
 * The metric keys of DESIGN.md, the primary metric of each task, and the
 * direction of each metric, which model selection and search rely on.
 */
import type { Task } from '../../estimators/index.js';
import { LatheError } from '../../errors.js';

/** Every metric key Lathe reports, named as in scikit-learn. */
export const METRIC_KEYS = [
  'accuracy',
  'balanced_accuracy',
  'precision',
  'recall',
  'f1',
  'precision_macro',
  'recall_macro',
  'f1_macro',
  'precision_weighted',
  'recall_weighted',
  'f1_weighted',
  'roc_auc',
  'average_precision',
  'log_loss',
  'brier',
  'rmse',
  'mae',
  'mape',
  'r2',
  'explained_variance',
  'silhouette',
  'inertia',
] as const;

/** One of {@link METRIC_KEYS}. */
export type MetricKey = (typeof METRIC_KEYS)[number];

/** Metrics where smaller values are better: losses and errors. */
const LOWER_IS_BETTER: ReadonlySet<MetricKey> = new Set<MetricKey>(['log_loss', 'brier', 'rmse', 'mae', 'mape', 'inertia']);

/**
 * The metric that ranks models of each task unless the user picks another:
 * ROC AUC for binary, log loss for multiclass, RMSE for regression and
 * silhouette for clustering.
 */
export const PRIMARY_METRIC: Readonly<Record<Task, MetricKey>> = Object.freeze({
  binary: 'roc_auc',
  multiclass: 'log_loss',
  regression: 'rmse',
  clustering: 'silhouette',
});

/** True if `key` is a known metric key. */
export function isMetricKey(key: string): key is MetricKey {
  return (METRIC_KEYS as readonly string[]).includes(key);
}

/**
 * Whether a larger value of the metric is better, as scikit-learn's scorers'
 * `greater_is_better`. Throws `BAD_INPUT` for an unknown key, listing the known ones.
 *
 * @example
 * ```ts
 * greaterIsBetter('roc_auc');  // true
 * greaterIsBetter('log_loss'); // false
 * ```
 */
export function greaterIsBetter(key: string): boolean {
  if (!isMetricKey(key)) {
    throw new LatheError('BAD_INPUT', `unknown metric "${key}"`, { hint: `use one of: ${METRIC_KEYS.join(', ')}` });
  }
  return !LOWER_IS_BETTER.has(key);
}

const CLASSIFICATION_COMMON: readonly MetricKey[] = [
  'accuracy', 'balanced_accuracy', 'precision_macro', 'recall_macro', 'f1_macro', 'precision_weighted', 'recall_weighted', 'f1_weighted',
  'roc_auc', 'average_precision', 'log_loss', 'brier',
];

/** The metric keys `evaluate` reports for each task (plain precision, recall and f1 are binary only). */
export const TASK_METRICS: Readonly<Record<Task, readonly MetricKey[]>> = Object.freeze({
  binary: ['precision', 'recall', 'f1', ...CLASSIFICATION_COMMON],
  multiclass: CLASSIFICATION_COMMON,
  regression: ['rmse', 'mae', 'mape', 'r2', 'explained_variance'],
  clustering: ['silhouette', 'inertia'],
});

/**
 * Checks that `key` is a metric a model of `task` is scored on, so a typo
 * or a metric of another task is refused before any training is spent.
 * Throws `BAD_USAGE` naming the metrics of the task.
 */
export function checkTaskMetric(key: string, task: Task): MetricKey {
  if (!(TASK_METRICS[task] as readonly string[]).includes(key)) {
    const what = isMetricKey(key) ? `metric "${key}" is not reported for ${task} models` : `unknown metric "${key}"`;
    throw new LatheError('BAD_USAGE', what, { hint: `pass --metric one of: ${TASK_METRICS[task].join(', ')}` });
  }
  return key as MetricKey;
}
