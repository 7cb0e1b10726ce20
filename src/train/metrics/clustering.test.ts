import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../../core/index.js';
import { centroids, clusterSizes, inertia, silhouetteScore } from './index.js';

const i32 = (a: number[]) => Int32Array.from(a);
const f64 = (a: number[]) => Float64Array.from(a);

function near(actual: number, expected: number, tol = 1e-12): void {
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${actual} is not within ${tol} of ${expected}`);
}

test('silhouette of two 1-D clusters, by hand', () => {
  // rows 0 and 3: a = 1, b = 4.5 → 7/9; rows 1 and 2: a = 1, b = 3.5 → 5/7
  const r = silhouetteScore(f64([0, 1, 4, 5]), 1, i32([0, 0, 1, 1]));
  near(r.value, 47 / 63);
  assert.equal(r.sampleSize, 4);
  assert.deepEqual(r.warnings, []);
});

test('silhouette: a singleton cluster scores 0; labels need not be 0-based', () => {
  // row 0: a = 1, b = 10 → 0.9; row 1: a = 1, b = 9 → 8/9; row 2 alone → 0
  near(silhouetteScore(f64([0, 1, 10]), 1, i32([5, 5, -1])).value, (0.9 + 8 / 9) / 3);
});

test('silhouette with one cluster, or one cluster per row, is NaN with a warning (sklearn raises)', () => {
  const one = silhouetteScore(f64([0, 1, 2]), 1, i32([0, 0, 0]));
  assert.ok(Number.isNaN(one.value));
  assert.deepEqual(one.warnings, ['Number of labels is 1. Valid values are 2 to n_samples - 1 (inclusive)']);
  assert.ok(Number.isNaN(silhouetteScore(f64([0, 1, 2]), 1, i32([0, 1, 2])).value));
});

test('silhouette: the row-at-a-time pass gives the same bits as the symmetric pass', () => {
  const rng = new Rng(3);
  const n = 200;
  const X = Float64Array.from({ length: n * 3 }, () => rng.normal());
  const labels = Int32Array.from({ length: n }, () => rng.int(7));
  const a = silhouetteScore(X, 3, labels);
  const b = silhouetteScore(X, 3, labels, { maxTableCells: 0 });
  assert.equal(a.value, b.value);
});

test('silhouette samples rows above maxRows, seeded, and records the sample size', () => {
  const rng = new Rng(1);
  const n = 600;
  const labels = Int32Array.from({ length: n }, (_, i) => i % 3);
  const X = Float64Array.from({ length: n * 2 }, (_, j) => rng.normal() + 5 * labels[j >> 1]);
  const exact = silhouetteScore(X, 2, labels);
  const s1 = silhouetteScore(X, 2, labels, { maxRows: 200, seed: 7 });
  const s2 = silhouetteScore(X, 2, labels, { maxRows: 200, seed: 7 });
  const s3 = silhouetteScore(X, 2, labels, { maxRows: 200, seed: 8 });
  assert.equal(exact.sampleSize, 600);
  assert.equal(s1.sampleSize, 200);
  assert.equal(s1.value, s2.value);
  assert.notEqual(s1.value, s3.value);
  assert.ok(Math.abs(s1.value - exact.value) < 0.05);
});

test('silhouette rejects a mis-shaped X', () => {
  assert.throws(() => silhouetteScore(f64([0, 1, 2]), 2, i32([0, 1])), { code: 'BAD_INPUT' });
});

test('inertia: Σ w‖x − c‖² to the assigned centre', () => {
  assert.equal(inertia(f64([0, 2, 10]), 1, i32([0, 0, 1]), f64([1, 10])), 2);
  assert.equal(inertia(f64([0, 2, 10]), 1, i32([0, 0, 1]), f64([1, 10]), f64([1, 2, 3])), 3);
  // 2-D: (0,0)→(1,1) is 2, (2,2)→(1,1) is 2
  assert.equal(inertia(f64([0, 0, 2, 2]), 2, i32([0, 0]), f64([1, 1])), 4);
  assert.throws(() => inertia(f64([0, 2]), 1, i32([0, 1]), f64([1])), { code: 'BAD_INPUT' });
});

test('centroids are (weighted) cluster means; an empty cluster gets 0', () => {
  assert.deepEqual(Array.from(centroids(f64([0, 2, 10]), 1, i32([0, 0, 2]), 3)), [1, 0, 10]);
  assert.deepEqual(Array.from(centroids(f64([0, 2, 10]), 1, i32([0, 0, 2]), 3, f64([1, 3, 1]))), [1.5, 0, 10]);
});

test('cluster sizes count rows per cluster, with empty clusters as 0', () => {
  assert.deepEqual(Array.from(clusterSizes(i32([0, 2, 2]))), [1, 0, 2]);
  assert.deepEqual(Array.from(clusterSizes(i32([0, 2, 2]), 4)), [1, 0, 2, 0]);
  assert.throws(() => clusterSizes(i32([0, -1])), { code: 'BAD_INPUT' });
});
