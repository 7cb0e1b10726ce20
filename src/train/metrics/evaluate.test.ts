import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Task } from '../../estimators/index.js';
import { evaluate, greaterIsBetter, isMetricKey, METRIC_KEYS, PRIMARY_METRIC } from './index.js';

const i32 = (a: number[]) => Int32Array.from(a);
const f64 = (a: number[]) => Float64Array.from(a);

test('binary: every key, the confusion matrix, curves and calibration', () => {
  const r = evaluate('binary', {
    yTrue: i32([0, 0, 1, 1]),
    proba: f64([0.9, 0.1, 0.6, 0.4, 0.65, 0.35, 0.2, 0.8]),
    k: 2,
  });
  assert.deepEqual(Object.keys(r.metrics), [
    'accuracy', 'balanced_accuracy',
    'precision', 'recall', 'f1',
    'precision_macro', 'recall_macro', 'f1_macro',
    'precision_weighted', 'recall_weighted', 'f1_weighted',
    'roc_auc', 'average_precision', 'log_loss', 'brier',
  ]);
  assert.equal(r.metrics.roc_auc, 0.75);
  assert.equal(r.metrics.accuracy, 0.75);
  assert.deepEqual(r.confusion, [[2, 0], [1, 1]]);
  assert.deepEqual(r.curves?.roc.fpr, [0, 0, 0.5, 0.5, 1]);
  assert.deepEqual(r.curves?.pr.recall, [1, 1, 0.5, 0.5, 0]);
  assert.deepEqual(r.calibration?.map((b) => b.count), [1, 2, 1]);
  assert.deepEqual(r.warnings, []);
});

test('binary fold with a single class: roc_auc is NaN (null in JSON) with a warning, the rest is scored', () => {
  const r = evaluate('binary', { yTrue: i32([1, 1, 1]), proba: f64([0.2, 0.8, 0.6, 0.4, 0.1, 0.9]), k: 2 });
  assert.ok(Number.isNaN(r.metrics.roc_auc));
  assert.equal(JSON.parse(JSON.stringify(r)).metrics.roc_auc, null);
  assert.equal(r.metrics.average_precision, 1);
  assert.ok(Number.isFinite(r.metrics.log_loss));
  assert.ok(r.warnings.includes('roc_auc: Only one class present in y_true. ROC AUC score is not defined in that case.'));
  assert.ok(r.warnings.includes('roc_curve: No negative samples in y_true, false positive value should be meaningless'));
  // class 0 is predicted once but never true
  assert.ok(r.warnings.includes('recall_macro: Recall is ill-defined and being set to 0.0 in labels with no true samples.'));
});

test('binary zero division: no predicted positives', () => {
  const r = evaluate('binary', { yTrue: i32([0, 1]), yPred: i32([0, 0]), k: 2 });
  assert.equal(r.metrics.precision, 0);
  assert.equal(r.metrics.f1, 0);
  assert.deepEqual(r.warnings, [
    'precision: Precision is ill-defined and being set to 0.0 due to no predicted samples.',
    'precision_macro: Precision is ill-defined and being set to 0.0 in labels with no predicted samples.',
    'precision_weighted: Precision is ill-defined and being set to 0.0 in labels with no predicted samples.',
  ]);
  // without probabilities the probability metrics and curves are left out
  assert.equal(r.metrics.roc_auc, undefined);
  assert.equal(r.curves, undefined);
});

test('yPred defaults to the argmax of proba, first class on ties', () => {
  const r = evaluate('binary', { yTrue: i32([0, 1, 1]), proba: f64([0.5, 0.5, 0.4, 0.6, 0.3, 0.7]), k: 2 });
  assert.deepEqual(r.confusion, [[1, 0], [0, 2]]);
});

test('multiclass: suffixed averages only, one-vs-rest AUC/AP, multiclass Brier, no curves', () => {
  const r = evaluate('multiclass', {
    yTrue: i32([0, 1, 2, 2]),
    proba: f64([0.6, 0.3, 0.1, 0.2, 0.5, 0.3, 0.3, 0.3, 0.4, 0.1, 0.6, 0.3]),
    k: 3,
  });
  assert.deepEqual(Object.keys(r.metrics), [
    'accuracy', 'balanced_accuracy',
    'precision_macro', 'recall_macro', 'f1_macro',
    'precision_weighted', 'recall_weighted', 'f1_weighted',
    'roc_auc', 'average_precision', 'log_loss', 'brier',
  ]);
  assert.deepEqual(r.confusion, [[1, 0, 0], [0, 1, 0], [0, 1, 1]]);
  assert.equal(r.curves, undefined);
  assert.equal(r.calibration, undefined);
  assert.ok(Math.abs(r.metrics.brier - (0.26 + 0.38 + 0.54 + 0.86) / 4) < 1e-12);
});

test('multiclass fold missing a class: roc_auc NaN, log_loss still scored over all k classes', () => {
  const r = evaluate('multiclass', { yTrue: i32([0, 1]), proba: f64([0.7, 0.2, 0.1, 0.2, 0.7, 0.1]), k: 3 });
  assert.ok(Number.isNaN(r.metrics.roc_auc));
  assert.ok(Math.abs(r.metrics.log_loss + Math.log(0.7)) < 1e-12);
  assert.ok(r.warnings.some((w) => w.startsWith('roc_auc: ')));
});

test('regression: every key and the residual quantiles', () => {
  const r = evaluate('regression', { yTrue: f64([3, -0.5, 2, 7]), yPred: f64([2.5, 0, 2, 8]) });
  assert.deepEqual(Object.keys(r.metrics), ['rmse', 'mae', 'mape', 'r2', 'explained_variance']);
  assert.equal(r.metrics.mae, 0.5);
  // residuals sorted: −1, −0.5, 0, 0.5; values as np.percentile(…, [5, 25, 50, 75, 95]).tolist() prints them
  assert.deepEqual(r.residual_quantiles, { p05: -0.925, p25: -0.625, p50: -0.25, p75: 0.125, p95: 0.4249999999999998 });
  assert.deepEqual(r.warnings, []);
});

test('clustering: silhouette, inertia, cluster sizes and the sample size', () => {
  const X = f64([0, 1, 4, 5]);
  const r = evaluate('clustering', { X, d: 1, labels: i32([0, 0, 1, 1]) });
  assert.deepEqual(Object.keys(r.metrics), ['silhouette', 'inertia']);
  assert.equal(r.metrics.inertia, 1); // four rows each 0.5 from their cluster mean
  assert.deepEqual(r.cluster_sizes, [2, 2]);
  assert.equal(r.sample_size, 4);
  const given = evaluate('clustering', { X, d: 1, labels: i32([0, 0, 1, 1]), centres: f64([0, 5, 9]) });
  assert.equal(given.metrics.inertia, 2);
  assert.deepEqual(given.cluster_sizes, [2, 2, 0]);
  const sampled = evaluate('clustering', { X, d: 1, labels: i32([0, 0, 1, 1]) }, { silhouetteMaxRows: 3, seed: 1 });
  assert.equal(sampled.sample_size, 3);
});

test('bad input throws BAD_INPUT', () => {
  assert.throws(() => evaluate('binary', { yTrue: i32([0, 1]), yPred: i32([0, 1]), k: 3 }), { code: 'BAD_INPUT' });
  assert.throws(() => evaluate('binary', { yTrue: i32([0, 1]), k: 2 }), { code: 'BAD_INPUT' });
  assert.throws(() => evaluate('multiclass', { yTrue: i32([0, 3]), yPred: i32([0, 1]), k: 3 }), { code: 'BAD_INPUT' });
  assert.throws(() => evaluate('binary', { yTrue: i32([0, 1]), proba: f64([0.5, 0.5]), k: 2 }), { code: 'BAD_INPUT' });
  assert.throws(() => evaluate('nope' as Task, { yTrue: f64([1]), yPred: f64([1]) } as never), { code: 'BAD_INPUT' });
});

test('metric keys are DESIGN.md’s, with a direction each and a primary metric per task', () => {
  assert.deepEqual([...METRIC_KEYS], [
    'accuracy', 'balanced_accuracy', 'precision', 'recall', 'f1',
    'precision_macro', 'recall_macro', 'f1_macro', 'precision_weighted', 'recall_weighted', 'f1_weighted',
    'roc_auc', 'average_precision', 'log_loss', 'brier',
    'rmse', 'mae', 'mape', 'r2', 'explained_variance', 'silhouette', 'inertia',
  ]);
  assert.deepEqual(PRIMARY_METRIC, { binary: 'roc_auc', multiclass: 'log_loss', regression: 'rmse', clustering: 'silhouette' });
  const lower = METRIC_KEYS.filter((k) => !greaterIsBetter(k));
  assert.deepEqual(lower, ['log_loss', 'brier', 'rmse', 'mae', 'mape', 'inertia']);
  assert.ok(isMetricKey('f1_macro'));
  assert.ok(!isMetricKey('auc'));
  assert.throws(() => greaterIsBetter('auc'), { code: 'BAD_INPUT', message: /unknown metric "auc"/ });
});
