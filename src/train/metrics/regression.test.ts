import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainedVariance, mae, mape, percentiles, r2, residualQuantiles, rmse } from './index.js';

const f64 = (a: number[]) => Float64Array.from(a);

function near(actual: number, expected: number, tol = 1e-12): void {
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${actual} is not within ${tol} of ${expected}`);
}

// scikit-learn's docstring example: y_true = [3, -0.5, 2, 7], y_pred = [2.5, 0.0, 2, 8]
const yt = f64([3, -0.5, 2, 7]);
const yp = f64([2.5, 0, 2, 8]);

test('RMSE, MAE, MAPE on the sklearn docstring example', () => {
  near(rmse(yt, yp), Math.sqrt(0.375));
  assert.equal(mae(yt, yp), 0.5);
  near(mape(yt, yp), (0.5 / 3 + 1 + 0 + 1 / 7) / 4);
});

test('weighted RMSE and MAE', () => {
  // √((3·1² + 1·3²) / 4) and (3·1 + 1·3) / 4
  near(rmse(f64([0, 0]), f64([1, 3]), f64([3, 1])), Math.sqrt(3));
  assert.equal(mae(f64([0, 0]), f64([1, 3]), f64([3, 1])), 1.5);
});

test('MAPE divides by max(|y|, float64 eps), so a zero target is huge but finite', () => {
  assert.equal(mape(f64([0, 2]), f64([1, 1])), (1 / Number.EPSILON + 0.5) / 2);
});

test('R² and explained variance on the sklearn docstring example', () => {
  // SS_res = 1.5, SS_tot = 29.1875
  near(r2(yt, yp).value, 1 - 1.5 / 29.1875);
  // residuals 0.5, −0.5, 0, −1 have mean −0.25 and variance 0.3125; Var(y) = 7.296875
  near(explainedVariance(yt, yp), 1 - 0.3125 / 7.296875);
});

test('R² and explained variance with a constant target: 1 if perfect, else 0 (force_finite)', () => {
  assert.deepEqual(r2(f64([1, 1, 1]), f64([1, 1, 1])), { value: 1, warnings: [] });
  assert.equal(r2(f64([1, 1, 1]), f64([1, 1, 2])).value, 0);
  // a constant offset has zero residual variance, so explained variance is 1 while R² is 0
  assert.equal(explainedVariance(f64([1, 1, 1]), f64([2, 2, 2])), 1);
  assert.equal(explainedVariance(f64([1, 1, 1]), f64([1, 2, 1])), 0);
});

test('R² of a single row is NaN with a warning', () => {
  const r = r2(f64([1]), f64([2]));
  assert.ok(Number.isNaN(r.value));
  assert.deepEqual(r.warnings, ['R^2 score is not well-defined with less than two samples.']);
});

test('weighted R²', () => {
  // weighted mean 1.5 (weights 1, 3 on 0, 2); SS_tot = 1·2.25 + 3·0.25 = 3; SS_res = 1·1 + 3·0 = 1
  near(r2(f64([0, 2]), f64([1, 2]), f64([1, 3])).value, 1 - 1 / 3);
});

test('percentiles use NumPy linear interpolation', () => {
  assert.deepEqual(percentiles(f64([4, 1, 3, 2]), [0, 25, 50, 100]), [1, 1.75, 2.5, 4]);
  assert.deepEqual(percentiles(f64([7]), [5, 95]), [7, 7]);
});

test('residual quantiles of y − ŷ', () => {
  // residuals −2, 0, 1, 5, 10: p05 at index 0.2, p95 at index 3.8
  const q = residualQuantiles(f64([0, 1, 2, 8, 10]), f64([2, 1, 1, 3, 0]));
  assert.deepEqual(q, { p05: -1.6, p25: 0, p50: 1, p75: 5, p95: 9 });
});

test('bad input throws BAD_INPUT', () => {
  assert.throws(() => rmse(f64([1, 2]), f64([1])), { code: 'BAD_INPUT' });
  assert.throws(() => rmse(f64([1, NaN]), f64([1, 2])), { code: 'BAD_INPUT' });
  assert.throws(() => rmse(f64([]), f64([])), { code: 'BAD_INPUT' });
  assert.throws(() => mae(f64([1]), f64([1]), f64([0])), { code: 'BAD_INPUT' });
  assert.throws(() => mae(f64([1, 2]), f64([1, 2]), f64([1, -1])), { code: 'BAD_INPUT' });
});
