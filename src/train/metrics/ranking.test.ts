import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  averagePrecision,
  averagePrecisionOvr,
  binaryRanking,
  precisionRecallCurve,
  rocAuc,
  rocAucOvr,
  rocCurve,
  trapezoid,
} from './index.js';

const i32 = (a: number[]) => Int32Array.from(a);
const f64 = (a: number[]) => Float64Array.from(a);

function near(actual: number, expected: number, tol = 1e-12): void {
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${actual} is not within ${tol} of ${expected}`);
}

test('ROC curve (sklearn docstring case): first threshold is max + 1, as in 1.2', () => {
  const c = rocCurve(i32([0, 0, 1, 1]), f64([0.1, 0.4, 0.35, 0.8]));
  assert.deepEqual(Array.from(c.fpr), [0, 0, 0.5, 0.5, 1]);
  assert.deepEqual(Array.from(c.tpr), [0, 0.5, 0.5, 1, 1]);
  assert.deepEqual(Array.from(c.thresholds), [1.8, 0.8, 0.4, 0.35, 0.1]);
});

test('ROC curve drops collinear points (drop_intermediate=True)', () => {
  // counts at 0.9, 0.8, 0.7, 0.1: (fp, tp) = (0,1), (0,2), (0,3), (1,3); (0,2) lies on the segment
  const c = rocCurve(i32([1, 1, 1, 0]), f64([0.9, 0.8, 0.7, 0.1]));
  assert.deepEqual(Array.from(c.thresholds), [1.9, 0.9, 0.7, 0.1]);
  assert.deepEqual(Array.from(c.fpr), [0, 0, 0, 1]);
  assert.deepEqual(Array.from(c.tpr), [0, 1 / 3, 1, 1]);
});

test('ROC AUC counts a tied positive-negative pair as half', () => {
  // pairs (pos, neg): (0.3, 0.3) tie → ½, (0.3, 0.1), (0.8, 0.3), (0.8, 0.1) → 1 each: 3.5 / 4
  assert.deepEqual(rocAuc(i32([0, 1, 0, 1]), f64([0.3, 0.3, 0.1, 0.8])), { value: 0.875, warnings: [] });
  assert.equal(rocAuc(i32([0, 1, 0, 1]), f64([0.5, 0.5, 0.5, 0.5])).value, 0.5);
  // weighted pairs: w(pos) × w(neg), ties half: (2·½ + 1 + 2 + 1) / (2 · 3)
  near(rocAuc(i32([0, 1, 0, 1]), f64([0.3, 0.3, 0.1, 0.8]), f64([2, 1, 1, 1])).value, 5 / 6);
});

test('ROC AUC drops zero-weight rows, as sklearn does', () => {
  const full = rocAuc(i32([0, 1, 0, 1, 0]), f64([0.3, 0.3, 0.1, 0.8, 0.9]), f64([1, 1, 1, 1, 0]));
  assert.equal(full.value, rocAuc(i32([0, 1, 0, 1]), f64([0.3, 0.3, 0.1, 0.8])).value);
});

test('ROC AUC with a single class present is NaN with a warning (sklearn raises)', () => {
  const r = rocAuc(i32([1, 1, 1]), f64([0.2, 0.5, 0.9]));
  assert.ok(Number.isNaN(r.value));
  assert.deepEqual(r.warnings, ['Only one class present in y_true. ROC AUC score is not defined in that case.']);
  // the curve itself is still defined; its false positive rates are NaN, with sklearn's warning
  const c = rocCurve(i32([1, 1, 1]), f64([0.2, 0.5, 0.9]));
  assert.ok(c.fpr.every(Number.isNaN));
  assert.deepEqual(c.warnings, ['No negative samples in y_true, false positive value should be meaningless']);
});

test('trapezoid accepts decreasing x and rejects non-monotonic x', () => {
  assert.equal(trapezoid(f64([0, 1]), f64([1, 1])), 1);
  assert.equal(trapezoid(f64([1, 0]), f64([1, 1])), 1);
  assert.throws(() => trapezoid(f64([0, 1, 0.5]), f64([1, 1, 1])), RangeError);
});

test('precision-recall curve keeps every threshold and ends at (recall 0, precision 1)', () => {
  const c = precisionRecallCurve(i32([0, 0, 1, 1]), f64([0.1, 0.4, 0.35, 0.8]));
  assert.deepEqual(Array.from(c.precision), [0.5, 2 / 3, 0.5, 1, 1]);
  assert.deepEqual(Array.from(c.recall), [1, 1, 0.5, 0.5, 0]);
  assert.deepEqual(Array.from(c.thresholds), [0.1, 0.35, 0.4, 0.8]);
});

test('average precision is the step-wise sum Σ (Rₙ − Rₙ₋₁) Pₙ, not interpolated', () => {
  // sklearn docstring: 0.83…  = 0.5·1 + 0·0.5 + 0.5·(2/3) + 0·0.5
  near(averagePrecision(i32([0, 0, 1, 1]), f64([0.1, 0.4, 0.35, 0.8])).value, 0.5 + 1 / 3);
  // ties: one threshold for the tie group, precision 2/3 at recall 1
  near(averagePrecision(i32([1, 0, 1]), f64([0.5, 0.5, 0.5])).value, 2 / 3);
  // interpolated AP would give 1 here; step-wise gives ½·1 + ½·(2/3)
  near(averagePrecision(i32([1, 0, 1]), f64([0.9, 0.5, 0.1])).value, 0.5 + 1 / 3);
});

test('average precision with no positives is 0 with a warning (sklearn 1.2)', () => {
  const r = averagePrecision(i32([0, 0]), f64([0.2, 0.7]));
  assert.ok(Object.is(r.value, 0));
  assert.deepEqual(r.warnings, ['No positive class found in y_true, recall is set to one for all thresholds.']);
  assert.equal(averagePrecision(i32([1, 1]), f64([0.2, 0.7])).value, 1);
});

test('one-vs-rest macro ROC AUC and average precision', () => {
  const y = i32([0, 1, 2, 2]);
  const proba = f64([0.6, 0.3, 0.1, 0.2, 0.5, 0.3, 0.3, 0.3, 0.4, 0.1, 0.6, 0.3]);
  // class 0: scores pos 0.6 vs neg 0.2, 0.3, 0.1 → 1; class 1: pos 0.5 vs 0.3, 0.3, 0.6 → 2/3;
  // class 2: pos 0.4, 0.3 vs 0.1, 0.3 → (1 + 1 + 0.5 + 1) / 4
  near(rocAucOvr(y, proba, 3).value, (1 + 2 / 3 + 3.5 / 4) / 3);
  // AP: class 0 → 1; class 1: pos ranked 2nd → ½; class 2: 0.4 (pos), then tie at 0.3 (pos + neg) → ½·1 + ½·(2/3)
  near(averagePrecisionOvr(y, proba, 3).value, (1 + 0.5 + (0.5 + 1 / 3)) / 3);
});

test('one-vs-rest with a class missing from the fold: ROC AUC NaN, AP scores it 0, both warn', () => {
  const y = i32([0, 1, 0, 1]);
  const proba = f64([0.7, 0.2, 0.1, 0.2, 0.7, 0.1, 0.5, 0.4, 0.1, 0.4, 0.5, 0.1]);
  const auc = rocAucOvr(y, proba, 3);
  assert.ok(Number.isNaN(auc.value));
  assert.match(auc.warnings.join('\n'), /class 2 one-vs-rest/);
  const ap = averagePrecisionOvr(y, proba, 3);
  near(ap.value, (1 + 1 + 0) / 3);
  assert.deepEqual(ap.warnings, ['class 2: No positive class found in y_true, recall is set to one for all thresholds.']);
});

test('one-vs-rest ROC AUC warns (instead of raising) when rows do not sum to 1', () => {
  const r = rocAucOvr(i32([0, 1, 2]), f64([0.5, 0, 0, 0, 0.5, 0, 0, 0, 0.5]), 3);
  assert.equal(r.value, 1);
  assert.match(r.warnings[0], /sum up to 1.0/);
});

test('binaryRanking gives the same curves and scores as the separate functions, from one sort', () => {
  const y = i32([0, 1, 1, 0, 1, 0, 0, 1]);
  const s = f64([0.2, 0.7, 0.7, 0.7, 0.1, 0.4, 0.2, 0.9]);
  const w = f64([1, 2, 0.5, 1, 1, 0, 3, 1]);
  const r = binaryRanking(y, s, w);
  assert.deepEqual(r.roc, rocCurve(y, s, w));
  assert.deepEqual(r.pr, precisionRecallCurve(y, s, w));
  assert.deepEqual(r.rocAuc, rocAuc(y, s, w));
  assert.deepEqual(r.averagePrecision, averagePrecision(y, s, w));
});
