import { Rng } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import { type Split, checkFraction, checkRows, checkSeed, fromMask, testCount } from './split-record.js';

/**
 * A seeded train/test split where all rows of a group fall on the same side,
 * so no group value is in both train and test (e.g. every row of a patient).
 * Groups are drawn in a seeded order and each is taken into the test set when
 * that brings its size closer to `round(n × testFraction)` rows. A missing
 * group (-1) is not a value, so each such row is a group of its own.
 *
 * @param groups group codes per row (a categorical column's codes).
 * @throws LatheError BAD_INPUT when there are fewer than 2 groups.
 *
 * @example
 * ```ts
 * const g = frame.column('patient') as DictionaryColumn;
 * const split = groupSplit(g.codes, 0.2, 1);
 * ```
 */
export function groupSplit(groups: Int32Array, testFraction: number, seed: number): Split {
  checkFraction(testFraction);
  checkSeed(seed);
  checkRows(groups.length);
  const n = groups.length;
  const ids = groupIds(groups);
  const sizes = new Int32Array(ids.count);
  for (let i = 0; i < n; i++) sizes[ids.of[i]]++;
  const present: number[] = [];
  for (let g = 0; g < ids.count; g++) if (sizes[g] > 0) present.push(g);
  if (present.length < 2) {
    throw new LatheError('BAD_INPUT', `a group split needs at least 2 groups, the column has ${present.length}`, {
      hint: 'split on a column with more distinct values, or use a random split',
    });
  }
  const order = new Rng(seed).shuffle(Int32Array.from(present));
  const target = testCount(n, testFraction);
  const inTest = new Uint8Array(ids.count);
  let testRows = 0;
  let testGroups = 0;
  for (const g of order) {
    const next = testRows + sizes[g];
    // Never take the last group: the train set must keep at least one.
    if (testGroups === present.length - 1) break;
    if (testGroups > 0 && Math.abs(next - target) >= Math.abs(testRows - target)) continue;
    inTest[g] = 1;
    testRows = next;
    testGroups++;
  }
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) mask[i] = inTest[ids.of[i]];
  const { train, test } = fromMask(mask);
  return { train, test, record: { method: 'group', seed, test_fraction: testFraction, sizes: { train: train.length, test: test.length } } };
}

/** Group id per row: the code, or a fresh id for each missing (-1) row. */
function groupIds(groups: Int32Array): { of: Int32Array; count: number } {
  let next = 0;
  for (let i = 0; i < groups.length; i++) if (groups[i] >= next) next = groups[i] + 1;
  const of = new Int32Array(groups.length);
  for (let i = 0; i < groups.length; i++) of[i] = groups[i] >= 0 ? groups[i] : next++;
  return { of, count: next };
}
