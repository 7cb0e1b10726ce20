import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OneHotEncoder } from './one-hot-encoder.js';
import { OrdinalEncoder } from './ordinal-encoder.js';
import { assertLathe, cat, frame, labels, num, values } from './test-helpers.js';

const rows = (f: ReturnType<typeof frame>) => Array.from({ length: f.rows }, (_, i) => f.columns.map((c) => ('values' in c ? c.values[i] : NaN)).join(''));

test('one_hot: <col>=<value> columns in sorted order, replacing the column in place', () => {
  const enc = new OneHotEncoder({ columns: ['c'] });
  const out = enc.fitTransform(frame(num('a', [1, 2, 3, 4, 5]), cat('c', ['b', 'a', 'b', 'c', null]), num('z', [0, 0, 0, 0, 0])));
  assert.deepEqual(out.names, ['a', 'c=a', 'c=b', 'c=c', 'z']);
  assert.equal(out.column('c=a').type, 'boolean');
  assert.deepEqual(rows(out.select(['c=a', 'c=b', 'c=c'])), ['010', '100', '010', '001', '000']);
});

test('one_hot: on another frame (other dictionary), unseen → all zeros and counted; missing → zeros, not counted', () => {
  const enc = new OneHotEncoder().fit(frame(cat('c', ['b', 'a', 'c'])));
  const out = enc.transform(frame(cat('c', ['b', 'd', null, 'a', 'd'], ['d', 'a', 'b'])));
  assert.deepEqual(rows(out), ['010', '000', '000', '100', '000']);
  assert.deepEqual(enc.lastStats(), { unseen: { c: 2 } });
  enc.transform(frame(cat('c', ['a'])));
  assert.deepEqual(enc.lastStats(), { unseen: {} }, 'counters are per transform');
});

test('one_hot max_categories: rarest go to <col>__other as scikit-learn picks them; unseen go there too, counted', () => {
  // counts a3 b2 c1 d1: with max 3, two kept (a, b) and c, d are infrequent
  const enc = new OneHotEncoder({ max_categories: 3 }).fit(frame(cat('c', ['a', 'a', 'a', 'b', 'b', 'c', 'd'])));
  const out = enc.transform(frame(cat('c', ['c', 'e', 'b', 'a', null])));
  assert.deepEqual(out.names, ['c=a', 'c=b', 'c__other']);
  assert.deepEqual(rows(out), ['001', '001', '010', '100', '000']);
  assert.deepEqual(enc.lastStats(), { unseen: { c: 1 } }, 'c is infrequent, not unseen; e is unseen');
});

test('one_hot max_categories: ties broken as scikit-learn (smaller values are the infrequent ones)', () => {
  // scikit-learn 1.2.1, OneHotEncoder(max_categories=4) on aabbbcccccddddddeeeeeeef → x0_c, x0_d, x0_e, infrequent
  const enc = new OneHotEncoder({ max_categories: 4 }).fit(frame(cat('x', [...'aabbbcccccddddddeeeeeeef'])));
  assert.deepEqual(enc.transform(frame(cat('x', ['a', 'f', 'z', 'e', 'c']))).names, ['x=c', 'x=d', 'x=e', 'x__other']);
  const tie = new OneHotEncoder({ max_categories: 2 }).fit(frame(cat('t', ['q', 'p', 'r'])));
  assert.deepEqual(tie.transform(frame(cat('t', ['r']))).names, ['t=r', 't__other']);
});

test('one_hot on a numeric column is BAD_INPUT at fit naming column, type and allowed types', () => {
  assertLathe(() => new OneHotEncoder({ columns: ['x'] }).fit(frame(num('x', [1]))), 'BAD_INPUT', '"x"', 'numeric', 'categorical');
  assertLathe(() => new OneHotEncoder({ max_categories: 1 }), 'BAD_PARAM', 'max_categories', 'an integer in [2, ∞)');
  assertLathe(() => new OneHotEncoder({ max_categories: 2.5 }), 'BAD_PARAM', 'max_categories');
});

test('one_hot: a JSON round-trip encodes identically', () => {
  const enc = new OneHotEncoder({ max_categories: 2 }).fit(frame(cat('c', ['x', 'x', 'y', 'z'])));
  const json = JSON.parse(JSON.stringify(enc.toJSON()));
  assert.deepEqual(json, { kind: 'one_hot', params: { max_categories: 2 }, state: { columns: ['c'], categories: [['x']], infrequent: [['y', 'z']] } });
  const back = new OneHotEncoder(json.params).restore(json.state);
  const test_ = frame(cat('c', ['z', 'x', 'w']));
  assert.deepEqual(rows(back.transform(test_)), rows(enc.transform(test_)));
});

test('ordinal: index among sorted categories; unseen and missing → NaN, unseen counted', () => {
  const enc = new OrdinalEncoder().fit(frame(cat('s', ['M', 'S', 'L', 'M'])));
  const out = enc.transform(frame(cat('s', ['S', 'XL', null, 'L'], ['XL', 'L', 'S'])));
  assert.deepEqual(values(out, 's'), [2, NaN, NaN, 0]);
  assert.equal(out.column('s').type, 'integer');
  assert.deepEqual(enc.lastStats(), { unseen: { s: 1 } });
});

test('ordinal output=categorical: codes pinned to the training dictionary', () => {
  const enc = new OrdinalEncoder({ output: 'categorical' }).fit(frame(cat('s', ['b', 'a', 'c'])));
  const out = enc.transform(frame(cat('s', ['c', 'q', 'a', null], ['q', 'c', 'a'])));
  const col = out.column('s');
  assert.ok('codes' in col);
  assert.deepEqual(col.dictionary, ['a', 'b', 'c']);
  assert.deepEqual(Array.from(col.codes), [2, -1, 0, -1]);
  assert.deepEqual(labels(out, 's'), ['c', null, 'a', null]);
  assert.deepEqual(enc.lastStats(), { unseen: { s: 1 } });
  assertLathe(() => new OrdinalEncoder({ output: 'float' as 'numeric' }), 'BAD_PARAM', 'output', 'numeric, categorical');
});
