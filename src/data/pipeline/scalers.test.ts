import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MinMaxScaler } from './min-max-scaler.js';
import { RobustScaler } from './robust-scaler.js';
import { StandardScaler } from './standard-scaler.js';
import { assertLathe, cat, frame, num, values } from './test-helpers.js';

test('standard_scale: mean 5 and population std 2 give exact z-scores', () => {
  const s = new StandardScaler({ columns: ['x'] });
  const out = s.fitTransform(frame(num('x', [2, 4, 4, 4, 5, 5, 7, 9]), cat('c', ['a', 'a', 'a', 'a', 'a', 'a', 'a', 'a'])));
  assert.deepEqual(values(out, 'x'), [-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2]);
  assert.equal(out.column('c'), out.column('c'), 'other columns pass through');
  // fitted on one frame, applied to another; NaN passes through
  assert.deepEqual(values(s.transform(frame(num('x', [1, null, 15]))), 'x'), [-2, NaN, 5]);
});

test('standard_scale: NaN ignored at fit; a constant column gets scale 1; with_mean/with_std', () => {
  assert.deepEqual(values(new StandardScaler().fitTransform(frame(num('x', [1, null, 3]))), 'x'), [-1, NaN, 1]);
  assert.deepEqual(values(new StandardScaler().fitTransform(frame(num('k', [7, 7, 7]))), 'k'), [0, 0, 0]);
  assert.deepEqual(values(new StandardScaler({ with_mean: false }).fitTransform(frame(num('x', [2, 4, 4, 4, 5, 5, 7, 9]))), 'x'), [1, 2, 2, 2, 2.5, 2.5, 3.5, 4.5]);
  assert.deepEqual(values(new StandardScaler({ with_std: false }).fitTransform(frame(num('x', [1, 3]))), 'x'), [-1, 1]);
});

test('standard_scale: passes untouched columns by reference and leaves the input frame unchanged', () => {
  const f = frame(num('x', [1, 3]), num('y', [5, 6]));
  const out = new StandardScaler({ columns: ['x'] }).fitTransform(f);
  assert.equal(out.column('y'), f.column('y'));
  assert.deepEqual(values(f, 'x'), [1, 3]);
});

test('standard_scale on a categorical column is BAD_INPUT at fit, naming column, type and allowed types', () => {
  assertLathe(() => new StandardScaler({ columns: ['c'] }).fit(frame(cat('c', ['a']))), 'BAD_INPUT', '"c"', 'categorical', 'numeric, integer, boolean');
});

test('minmax_scale: maps the fitted range onto [0, 1] or [min, max]', () => {
  const s = new MinMaxScaler().fit(frame(num('x', [2, 4, 6])));
  assert.deepEqual(values(s.transform(frame(num('x', [2, 4, 6, 0, 8, null]))), 'x'), [0, 0.5, 1, -0.5, 1.5, NaN]);
  assert.deepEqual(values(new MinMaxScaler({ min: -1, max: 1 }).fitTransform(frame(num('x', [2, 4, 6]))), 'x'), [-1, 0, 1]);
  assert.deepEqual(values(new MinMaxScaler().fitTransform(frame(num('k', [3, 3]))), 'k'), [0, 0]);
  assertLathe(() => new MinMaxScaler({ min: 1, max: 1 }), 'BAD_PARAM', 'min', 'max');
});

test('robust_scale: median and IQR by linear percentiles, as scikit-learn RobustScaler', () => {
  // sorted 1..9, 100: median 5.5; p25 at position 2.25 → 3.25; p75 at 6.75 → 7.75; IQR 4.5
  const s = new RobustScaler().fit(frame(num('x', [100, 1, 2, 3, 4, 5, 6, 7, 8, 9])));
  assert.deepEqual(values(s.transform(frame(num('x', [1, 5.5, 100, 10, null]))), 'x'), [-1, 0, 21, 1, NaN]);
  // scikit-learn 1.2.1: RobustScaler(quantile_range=(10, 90)).fit([[1],[2],[3],[4]]) → center 2.5, scale 2.4000000000000004 (p90 3.7 − p10 1.3)
  const q = new RobustScaler({ q_low: 10, q_high: 90 }).fit(frame(num('x', [1, 2, 3, 4])));
  assert.deepEqual(q.toJSON().state, { columns: ['x'], center: [2.5], scale: [2.4000000000000004] });
  assertLathe(() => new RobustScaler({ q_low: 80, q_high: 20 }), 'BAD_PARAM', 'q_low');
  assertLathe(() => new RobustScaler({ q_low: 120 }), 'BAD_PARAM', 'q_low', '[0, 100]');
});

test('robust_scale: a zero IQR becomes 1 and with_centering=false keeps the centre at 0', () => {
  assert.deepEqual(values(new RobustScaler().fitTransform(frame(num('x', [5, 5, 5, 5, 6]))), 'x'), [0, 0, 0, 0, 1]);
  assert.deepEqual(values(new RobustScaler({ with_centering: false }).fitTransform(frame(num('x', [0, 2, 4, 6, 8]))), 'x'), [0, 0.5, 1, 1.5, 2]);
});
