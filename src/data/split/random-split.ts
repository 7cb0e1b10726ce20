import { Rng } from '../../core/index.js';
import { type Split, checkFraction, checkRows, checkSeed, fromMask, iota, testCount } from './split-record.js';

/**
 * A seeded random train/test split of `n` rows. The test set holds
 * `round(n × testFraction)` rows (at least 1, at most n - 1).
 *
 * @example
 * ```ts
 * const { train, test, record } = randomSplit(frame.rows, 0.2, 42);
 * record; // { method: 'random', seed: 42, test_fraction: 0.2, sizes: { train: 80, test: 20 } }
 * ```
 */
export function randomSplit(n: number, testFraction: number, seed: number): Split {
  checkFraction(testFraction);
  checkSeed(seed);
  checkRows(n);
  const nTest = testCount(n, testFraction);
  const perm = new Rng(seed).shuffle(iota(n));
  const mask = new Uint8Array(n);
  for (let i = 0; i < nTest; i++) mask[perm[i]] = 1;
  const { train, test } = fromMask(mask);
  return { train, test, record: { method: 'random', seed, test_fraction: testFraction, sizes: { train: train.length, test: test.length } } };
}
