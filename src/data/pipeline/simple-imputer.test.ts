import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SimpleImputer } from './simple-imputer.js';
import { assertLathe, cat, frame, labels, num, values } from './test-helpers.js';

test('impute mean: fills NaN with the training mean and adds an indicator after the column', () => {
  const imp = new SimpleImputer({ columns: ['a'], strategy: 'mean', add_indicator: true });
  const out = imp.fitTransform(frame(num('a', [1, null, 3, 8]), num('b', [0, 0, 0, 0])));
  assert.deepEqual(out.names, ['a', 'a__missing', 'b']);
  assert.deepEqual(values(out, 'a'), [1, 4, 3, 8]);
  assert.deepEqual(values(out, 'a__missing'), [0, 1, 0, 0]);
  assert.equal(out.column('a__missing').type, 'boolean');
});

test('impute median: fitted on one frame, applied to another', () => {
  const imp = new SimpleImputer({ strategy: 'median' }).fit(frame(num('a', [1, null, 3, 8, 10])));
  // median of 1, 3, 8, 10 is (3 + 8) / 2
  assert.deepEqual(values(imp.transform(frame(num('a', [null, 100, null]))), 'a'), [5.5, 100, 5.5]);
});

test('impute median of an odd count and of integers (output becomes numeric)', () => {
  const out = new SimpleImputer({ strategy: 'median' }).fitTransform(frame(num('i', [4, 1, null, 9], 'integer')));
  assert.deepEqual(values(out, 'i'), [4, 1, 4, 9]);
  assert.equal(out.column('i').type, 'numeric');
});

test('impute most_frequent: numeric ties go to the smallest value, as scikit-learn', () => {
  const out = new SimpleImputer({ strategy: 'most_frequent' }).fitTransform(frame(num('a', [2, 1, 2, 1, null, 3])));
  assert.deepEqual(values(out, 'a'), [2, 1, 2, 1, 1, 3]);
});

test('impute most_frequent: categorical, ties to the smallest string, applied to a frame with another dictionary', () => {
  const imp = new SimpleImputer({ strategy: 'most_frequent', add_indicator: true }).fit(frame(cat('c', ['b', 'a', 'b', null, 'a', 'c'])));
  const out = imp.transform(frame(cat('c', [null, 'z', null], ['z'])));
  // 'a' is not in the new dictionary, so it is appended
  assert.deepEqual(labels(out, 'c'), ['a', 'z', 'a']);
  assert.deepEqual(values(out, 'c__missing'), [1, 0, 1]);
});

test('impute constant: numbers for numeric columns, strings for categorical ones', () => {
  const f = frame(num('a', [null, 2]), cat('c', ['x', null]));
  assert.deepEqual(values(new SimpleImputer({ columns: ['a'], strategy: 'constant', fill_value: -1 }).fitTransform(f), 'a'), [-1, 2]);
  assert.deepEqual(labels(new SimpleImputer({ columns: ['c'], strategy: 'constant', fill_value: 'unknown' }).fitTransform(f), 'c'), ['x', 'unknown']);
});

test('impute: a column with no values at fit is filled with 0, as scikit-learn keep_empty_features', () => {
  assert.deepEqual(values(new SimpleImputer({ strategy: 'mean' }).fitTransform(frame(num('a', [null, null]))), 'a'), [0, 0]);
});

test('impute: columns omitted means every column the strategy can handle', () => {
  const out = new SimpleImputer({ strategy: 'median' }).fitTransform(frame(num('a', [null, 2]), cat('c', ['x', null])));
  assert.deepEqual(values(out, 'a'), [2, 2]);
  assert.deepEqual(labels(out, 'c'), ['x', null]);
});

test('impute: mean on a categorical column is refused at fit, naming column, type and allowed types', () => {
  const imp = new SimpleImputer({ columns: ['c'], strategy: 'mean' });
  assertLathe(() => imp.fit(frame(cat('c', ['x']))), 'BAD_INPUT', '"c"', 'categorical', 'numeric, integer, boolean, datetime');
});

test('impute: bad parameters name the parameter and what it must be', () => {
  assertLathe(() => new SimpleImputer({ strategy: 'avg' as 'mean' }), 'BAD_PARAM', 'strategy', 'mean, median, most_frequent, constant');
  assertLathe(() => new SimpleImputer({ strategy: 'constant' }), 'BAD_PARAM', 'fill_value');
  assertLathe(() => new SimpleImputer({ wat: 1 } as never), 'BAD_PARAM', '"wat"', 'strategy');
  const imp = new SimpleImputer({ columns: ['a'], strategy: 'constant', fill_value: 'x' });
  assertLathe(() => imp.fit(frame(num('a', [1]))), 'BAD_PARAM', 'fill_value', '"a"');
});

test('impute: a column missing at fit is BAD_INPUT naming it', () => {
  assertLathe(() => new SimpleImputer({ columns: ['nope'] }).fit(frame(num('a', [1]))), 'BAD_INPUT', '"nope"', 'a');
});

test('impute: NOT_FITTED before fit, and a JSON round-trip keeps the fill', () => {
  const imp = new SimpleImputer({ strategy: 'most_frequent' });
  assertLathe(() => imp.transform(frame(num('a', [1]))), 'NOT_FITTED');
  assertLathe(() => imp.toJSON(), 'NOT_FITTED');
  imp.fit(frame(num('a', [0.1, 0.1, null]), cat('c', ['q', 'q', null])));
  const json = JSON.parse(JSON.stringify(imp.toJSON()));
  assert.deepEqual(json.state, { columns: ['a', 'c'], types: ['numeric', 'categorical'], fills: [0.1, 'q'] });
  const back = new SimpleImputer(json.params).restore(json.state);
  assert.deepEqual(values(back.transform(frame(num('a', [null]), cat('c', [null]))), 'a'), [0.1]);
});
