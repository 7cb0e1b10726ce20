import { Rng } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import { classIndex, requireClassSize } from './classes.js';
import { type Folds, checkSeed, foldsOf, iota } from './split-record.js';

/**
 * Seeded k-fold cross-validation folds: the rows are shuffled once and dealt
 * into k folds whose sizes differ by at most one. Every row is in exactly one
 * test fold.
 *
 * @throws LatheError BAD_PARAM when k < 2 or k > n.
 *
 * @example
 * ```ts
 * for (const { train, test } of kFold(frame.rows, 5, 42).folds) { … }
 * ```
 */
export function kFold(n: number, k: number, seed: number): Folds {
  checkK(k, n);
  checkSeed(seed);
  const perm = new Rng(seed).shuffle(iota(n));
  const foldOf = new Int32Array(n);
  for (let i = 0; i < n; i++) foldOf[perm[i]] = i % k;
  const folds = foldsOf(foldOf, k);
  return { folds, record: { method: 'kfold', seed, k, sizes: folds.map((f) => ({ train: f.train.length, test: f.test.length })) } };
}

/**
 * Seeded stratified k-fold folds: each class's rows are shuffled and dealt
 * round the folds, continuing where the previous class stopped, so every fold
 * holds each class within one row of its share and fold sizes differ by at
 * most one.
 *
 * @throws LatheError BAD_PARAM when k < 2 or k > n; BAD_INPUT naming a class
 *   with fewer than k rows.
 */
export function stratifiedKFold(labels: Int32Array, k: number, seed: number, names?: readonly string[]): Folds {
  checkK(k, labels.length);
  checkSeed(seed);
  const idx = classIndex(labels);
  requireClassSize(idx, k, `stratified ${k}-fold`, names);
  const rng = new Rng(seed);
  const foldOf = new Int32Array(labels.length);
  let dealt = 0;
  for (let c = 0; c < idx.classes; c++) {
    const rows = rng.shuffle(idx.order.subarray(idx.start[c], idx.start[c + 1]));
    for (let j = 0; j < rows.length; j++) foldOf[rows[j]] = (dealt + j) % k;
    dealt += rows.length;
  }
  const folds = foldsOf(foldOf, k);
  return {
    folds,
    record: { method: 'stratified_kfold', seed, k, sizes: folds.map((f) => ({ train: f.train.length, test: f.test.length })) },
  };
}

function checkK(k: number, n: number): void {
  if (!Number.isInteger(k) || k < 2 || k > n) {
    throw new LatheError('BAD_PARAM', `k must be an integer from 2 to the number of rows (${n}), got ${k}`, {
      hint: n < 2 ? 'cross-validation needs at least 2 rows' : 'use e.g. k=5',
    });
  }
}
