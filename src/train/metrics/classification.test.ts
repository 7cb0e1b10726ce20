import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  accuracy,
  balancedAccuracy,
  brierBinary,
  brierMulticlass,
  calibrationTable,
  confusionMatrix,
  LOG_LOSS_EPS,
  logLoss,
  pairwiseSum,
  precisionRecallF1,
} from './index.js';

const i32 = (a: number[]) => Int32Array.from(a);
const f64 = (a: number[]) => Float64Array.from(a);

function near(actual: number, expected: number, tol = 1e-12): void {
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${actual} is not within ${tol} of ${expected}`);
}

test('pairwiseSum reproduces NumPy (np.sum([0.1] * 10) == 1.0, a plain loop gives 0.9999999999999999)', () => {
  assert.equal(pairwiseSum(new Float64Array(10).fill(0.1)), 1.0);
  assert.equal(pairwiseSum(f64([])), 0);
});

test('accuracy, plain and weighted', () => {
  assert.equal(accuracy(i32([0, 1, 1]), i32([0, 0, 1])), 2 / 3);
  // rows 0 and 2 are right: (1 + 3) / (1 + 2 + 3)
  assert.equal(accuracy(i32([0, 1, 1]), i32([0, 0, 1]), f64([1, 2, 3])), 4 / 6);
});

test('balanced accuracy averages per-class recall (sklearn docstring: 0.625)', () => {
  const r = balancedAccuracy(i32([0, 1, 0, 0, 1, 0]), i32([0, 1, 0, 0, 0, 1]), 2);
  assert.deepEqual(r, { value: 0.625, warnings: [] });
  // weighted: class 0 recall 3/4 unweighted becomes (1+1+1)/(1+1+1+3) with the last class-0 row weighing 3
  near(balancedAccuracy(i32([0, 1, 0, 0, 1, 0]), i32([0, 1, 0, 0, 0, 1]), 2, f64([1, 1, 1, 1, 1, 3])).value, (3 / 6 + 1 / 2) / 2);
});

test('balanced accuracy drops a class that is only predicted, and warns', () => {
  const r = balancedAccuracy(i32([0, 0, 1, 1]), i32([0, 2, 1, 1]), 3);
  assert.equal(r.value, (1 / 2 + 1) / 2);
  assert.deepEqual(r.warnings, ['y_pred contains classes not in y_true']);
});

test('precision, recall and F1: binary, positive class 1', () => {
  const r = precisionRecallF1(i32([0, 1, 1, 0, 1]), i32([0, 1, 0, 1, 1]), 2, { average: 'binary' });
  assert.deepEqual(r, { precision: 2 / 3, recall: 2 / 3, f1: 2 / 3, warnings: [] });
});

test('precision, recall and F1 with sample weights', () => {
  // tp weight 3 (row 2), predicted positives 3, true positives 2 + 3
  const r = precisionRecallF1(i32([0, 1, 1]), i32([0, 0, 1]), 2, { average: 'binary', sampleWeight: f64([1, 2, 3]) });
  assert.equal(r.precision, 1);
  assert.equal(r.recall, 0.6);
  near(r.f1, 0.75);
});

test('zero division: no predicted positives gives precision 0 with a warning, F1 0 without one', () => {
  const r = precisionRecallF1(i32([0, 0, 1, 1]), i32([0, 0, 0, 0]), 2, { average: 'binary' });
  assert.deepEqual(r, {
    precision: 0,
    recall: 0,
    f1: 0,
    warnings: ['Precision is ill-defined and being set to 0.0 due to no predicted samples.'],
  });
});

test('zero division: neither true nor predicted positives warns for all three', () => {
  const r = precisionRecallF1(i32([0, 0]), i32([0, 0]), 2, { average: 'binary' });
  assert.deepEqual(r, {
    precision: 0,
    recall: 0,
    f1: 0,
    warnings: [
      'Precision is ill-defined and being set to 0.0 due to no predicted samples.',
      'Recall is ill-defined and being set to 0.0 due to no true samples.',
      'F-score is ill-defined and being set to 0.0 due to no true nor predicted samples.',
    ],
  });
});

test('macro and weighted averages over present labels, with a never-predicted class', () => {
  const y = i32([0, 1, 2, 2]);
  const p = i32([0, 1, 1, 1]);
  // per class: precision 1, 1/3, 0 (ill-defined); recall 1, 1, 0; F1 1, 1/2, 0; supports 1, 1, 2
  const macro = precisionRecallF1(y, p, 3, { average: 'macro' });
  near(macro.precision, 4 / 9);
  near(macro.recall, 2 / 3);
  near(macro.f1, 0.5);
  assert.deepEqual(macro.warnings, ['Precision is ill-defined and being set to 0.0 in labels with no predicted samples.']);
  const weighted = precisionRecallF1(y, p, 3, { average: 'weighted' });
  near(weighted.precision, 1 / 3);
  near(weighted.recall, 0.5);
  near(weighted.f1, 0.375);
  // class 3 of k = 4 appears nowhere, so it takes no part in the macro mean (sklearn without `labels`)
  assert.deepEqual(precisionRecallF1(y, p, 4, { average: 'macro' }), macro);
});

test('macro recall counts a predicted-only class as 0 and warns', () => {
  const r = precisionRecallF1(i32([0, 0, 1, 1]), i32([0, 2, 1, 1]), 3, { average: 'macro' });
  near(r.recall, (1 / 2 + 1 + 0) / 3);
  assert.deepEqual(r.warnings, ['Recall is ill-defined and being set to 0.0 in labels with no true samples.']);
});

test("average 'binary' rejects more than two classes", () => {
  assert.throws(() => precisionRecallF1(i32([0, 1, 2]), i32([0, 1, 2]), 3, { average: 'binary' }), { code: 'BAD_INPUT' });
});

test('confusion matrix: rows true, columns predicted, weighted counts', () => {
  assert.deepEqual(Array.from(confusionMatrix(i32([0, 1, 1, 2]), i32([0, 0, 1, 1]), 3)), [1, 0, 0, 1, 1, 0, 0, 1, 0]);
  assert.deepEqual(Array.from(confusionMatrix(i32([0, 1, 1]), i32([0, 0, 1]), 2, f64([0.5, 2, 3]))), [0.5, 0, 2, 3]);
  assert.throws(() => confusionMatrix(i32([0, 3]), i32([0, 1]), 3), { code: 'BAD_INPUT' });
});

test('log loss: mean negative log-probability of the true class', () => {
  near(logLoss(i32([0, 1]), f64([0.8, 0.2, 0.4, 0.6]), 2), -(Math.log(0.8) + Math.log(0.6)) / 2);
  // sklearn docstring: log_loss(["spam", "ham", "ham", "spam"], [[.1, .9], [.9, .1], [.8, .2], [.35, .65]])
  near(logLoss(i32([1, 0, 0, 1]), f64([0.1, 0.9, 0.9, 0.1, 0.8, 0.2, 0.35, 0.65]), 2), 0.21616187468057912);
  near(logLoss(i32([0, 1]), f64([0.8, 0.2, 0.4, 0.6]), 2, f64([3, 1])), -(3 * Math.log(0.8) + Math.log(0.6)) / 4);
});

test('log loss clips at eps = 2.2e-16 (sklearn 1.2 eps="auto") and renormalises rows', () => {
  assert.equal(LOG_LOSS_EPS, 2 ** -52);
  // p(true) = 0 → clipped to eps; the row [1 − eps, eps] still sums to exactly 1
  near(logLoss(i32([1]), f64([1, 0]), 2), 36.04365338911715);
  // a row summing to 0.8 is renormalised first: −log(0.5 / 0.8)
  near(logLoss(i32([0]), f64([0.5, 0.3]), 2), -Math.log(0.625));
});

test('Brier: binary (p1 − y)² and multiclass Σ_c (p_c − [y = c])²', () => {
  near(brierBinary(i32([0, 1, 1, 0]), f64([0.1, 0.9, 0.8, 0.3])), (0.01 + 0.01 + 0.04 + 0.09) / 4);
  near(brierBinary(i32([0, 1]), f64([0.5, 0.5]), f64([1, 3])), 0.25);
  // rows: 0.09 + 0.04 + 0.01 = 0.14 and 0.04 + 0.09 + 0.25 = 0.38
  near(brierMulticlass(i32([0, 2]), f64([0.7, 0.2, 0.1, 0.2, 0.3, 0.5]), 3), 0.26);
  // for two classes the multiclass score is twice the binary one
  near(brierMulticlass(i32([0, 1]), f64([0.9, 0.1, 0.3, 0.7]), 2), 2 * brierBinary(i32([0, 1]), f64([0.1, 0.7])));
});

test('calibration table: edge values fall in the lower bin and empty bins are left out', () => {
  const t = calibrationTable(i32([0, 1, 0, 1, 1]), f64([0, 0.1, 0.15, 1, 0.95]));
  assert.deepEqual(
    t.map((b) => [b.bin, b.count, b.fraction_positive]),
    [
      [0, 2, 0.5],
      [1, 1, 0],
      [9, 2, 1],
    ],
  );
  near(t[0].mean_predicted, 0.05);
  near(t[2].mean_predicted, 0.975);
  assert.equal(t[2].upper, 1);
  assert.throws(() => calibrationTable(i32([0]), f64([1.5])), { code: 'BAD_INPUT' });
});
