import { Rng } from '../../core/index.js';
import { classIndex, requireClassSize } from './classes.js';
import { type Split, checkFraction, checkRows, checkSeed, fromMask, testCount } from './split-record.js';

/**
 * A seeded train/test split that keeps each class's share: every class puts
 * within one row of `testFraction` of its rows in the test set, and at least
 * one row on each side. Whole rows are shared out by largest remainder, so
 * the test set has `round(n × testFraction)` rows when the classes allow it.
 *
 * @param labels class codes per row (a categorical column's codes); -1 is refused.
 * @param names class names by code, for error messages.
 * @throws LatheError BAD_INPUT naming a class with fewer than 2 rows.
 *
 * @example
 * ```ts
 * const y = frame.column('species') as DictionaryColumn;
 * const split = stratifiedSplit(y.codes, 0.25, 7, y.dictionary);
 * ```
 */
export function stratifiedSplit(labels: Int32Array, testFraction: number, seed: number, names?: readonly string[]): Split {
  checkFraction(testFraction);
  checkSeed(seed);
  checkRows(labels.length);
  const idx = classIndex(labels);
  requireClassSize(idx, 2, 'a stratified split', names);
  const quota = apportion(idx.counts, testCount(labels.length, testFraction), testFraction);
  const rng = new Rng(seed);
  const mask = new Uint8Array(labels.length);
  for (let c = 0; c < idx.classes; c++) {
    // Shuffling the class's slice of `order` in place draws its test rows.
    const rows = rng.shuffle(idx.order.subarray(idx.start[c], idx.start[c + 1]));
    for (let j = 0; j < quota[c]; j++) mask[rows[j]] = 1;
  }
  const { train, test } = fromMask(mask);
  return { train, test, record: { method: 'stratified', seed, test_fraction: testFraction, sizes: { train: train.length, test: test.length } } };
}

/**
 * Test rows per class: each class gets the floor or the ceiling of its exact
 * share, kept within 1 … count - 1, and the ceilings go to the classes with
 * the largest remainders until `total` is reached. Each class stays within
 * one row of its exact share.
 */
function apportion(counts: Int32Array, total: number, fraction: number): Int32Array {
  const quota = new Int32Array(counts.length);
  const up: { c: number; r: number }[] = [];
  let given = 0;
  for (let c = 0; c < counts.length; c++) {
    if (counts[c] === 0) continue;
    const exact = counts[c] * fraction;
    const lo = Math.min(counts[c] - 1, Math.max(1, Math.floor(exact)));
    const hi = Math.max(lo, Math.min(counts[c] - 1, Math.ceil(exact)));
    quota[c] = lo;
    given += lo;
    if (hi > lo) up.push({ c, r: exact - Math.floor(exact) });
  }
  up.sort((a, b) => b.r - a.r || a.c - b.c);
  for (let i = 0; i < up.length && given < total; i++, given++) quota[up[i].c]++;
  return quota;
}
