import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Column } from '../core/index.js';
import { isLatheError } from '../errors.js';
import { detectTask } from './detect-task.js';

const col = (type: 'numeric' | 'integer' | 'boolean' | 'datetime', values: number[]): Column => ({ name: 'y', type, values: Float64Array.from(values) });
const codes = (type: 'categorical' | 'text', c: number[], dictionary: string[]): Column => ({ name: 'y', type, codes: Int32Array.from(c), dictionary });
const repeat = (values: number[], times: number) => Array.from({ length: times }, () => values).flat();
const task = (c: Column | null) => detectTask(c).task;

test('no target is clustering', () => {
  assert.deepEqual(detectTask(null), { task: 'clustering', reason: 'no target column' });
});

test('categorical and boolean targets are classification', () => {
  assert.equal(task(codes('categorical', [0, 1, 0, -1], ['no', 'yes'])), 'binary');
  assert.equal(task(codes('categorical', [0, 1, 2, 1], ['a', 'b', 'c'])), 'multiclass');
  // An unused dictionary entry is not a class.
  assert.equal(task(codes('categorical', [0, 2, 0], ['a', 'b', 'c'])), 'binary');
  assert.deepEqual(detectTask(col('boolean', [1, 0, NaN, 1])), { task: 'binary', reason: 'boolean target with 2 classes' });
});

test('integers with few distinct values are classification, others regression', () => {
  // 3 values in 100 rows: ≤ 20 and ≤ 5%.
  assert.equal(task(col('integer', repeat([1, 2, 3], 34))), 'multiclass');
  // Exactly 2 values: binary even in few rows.
  assert.equal(task(col('integer', [0, 1, 1])), 'binary');
  // 3 values in 30 rows is 10% of rows: regression.
  assert.equal(task(col('integer', repeat([1, 2, 3], 10))), 'regression');
  // 21 values, even in many rows: regression.
  assert.equal(task(col('integer', repeat(Array.from({ length: 21 }, (_, i) => i), 100))), 'regression');
  // 20 values in 400 rows: classification.
  assert.equal(task(col('integer', repeat(Array.from({ length: 20 }, (_, i) => i), 20))), 'multiclass');
  // Whole numbers in a numeric column follow the integer rule.
  assert.match(detectTask(col('numeric', repeat([1, 2, 3, 4, 5], 30))).reason, /whole-number target with 5 distinct values in 150 rows/);
  // The thresholds are options.
  assert.equal(detectTask(col('integer', repeat([1, 2, 3], 10)), { maxClassFraction: 0.1 }).task, 'multiclass');
});

test('other numbers are regression', () => {
  assert.equal(task(col('numeric', repeat([0.5, 1.5, 2.5], 100))), 'regression');
  const r = detectTask(col('numeric', Array.from({ length: 1000 }, (_, i) => i / 7)));
  assert.deepEqual(r, { task: 'regression', reason: 'numeric target with more than 20 distinct values in 1000 rows' });
});

test('text, datetime, empty and constant targets are bad input', () => {
  const bad = (c: Column, re: RegExp) => assert.throws(() => detectTask(c), (e) => isLatheError(e, 'BAD_INPUT') && re.test(e.message) && (e.hint ?? '') !== '');
  bad(codes('text', [0, 1], ['a long sentence', 'another']), /free text/);
  bad(col('datetime', [0, 86400000]), /datetime/);
  bad(col('numeric', [NaN, NaN]), /no values/);
  bad(codes('categorical', [-1, -1], ['a']), /no values/);
  bad(col('integer', [3, 3, 3]), /single distinct value/);
  bad(codes('categorical', [0, 0], ['a', 'b']), /single distinct value/);
});
