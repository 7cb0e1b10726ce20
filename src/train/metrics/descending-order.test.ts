import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../../core/index.js';
import { descendingOrder } from './descending-order.js';

/** The reference: a comparator sort, descending score then descending index. */
function reference(score: Float64Array, weight?: Float64Array): number[] {
  const idx = [...score.keys()].filter((i) => !weight || weight[i] !== 0);
  return idx.sort((a, b) => score[b] - score[a] || b - a);
}

test('descending score, ties by descending index, across signs, zeros and infinities', () => {
  const s = Float64Array.from([0.5, -1, 0, -0, 3, 0.5, -1e300, Infinity, -Infinity, 5e-324, -5e-324, 0.5]);
  assert.deepEqual(Array.from(descendingOrder(s)), [7, 4, 11, 5, 0, 9, 3, 2, 10, 1, 6, 8]);
  assert.deepEqual(Array.from(descendingOrder(s)), reference(s));
});

test('zero-weight rows are left out', () => {
  const s = Float64Array.from([0.1, 0.9, 0.5]);
  assert.deepEqual(Array.from(descendingOrder(s, Float64Array.from([1, 0, 2]))), [2, 0]);
});

test('matches the comparator sort on random data with many ties', () => {
  const rng = new Rng(9);
  for (const scale of [1, 1e-3, 1e6]) {
    const s = Float64Array.from({ length: 5000 }, () => Math.round((rng.next() - 0.3) * 200) / 100 * scale);
    const w = Float64Array.from({ length: 5000 }, () => (rng.next() < 0.1 ? 0 : 1));
    assert.deepEqual(Array.from(descendingOrder(s, w)), reference(s, w));
  }
});
