import { LatheError } from '../../errors.js';

/** Split methods, as recorded with every run that uses one. */
export type SplitMethod = 'random' | 'stratified' | 'group' | 'time';

/** How a train/test split was made: enough to make it again. */
export interface SplitRecord {
  method: SplitMethod;
  /** The seed; null for a time split, which draws nothing at random. */
  seed: number | null;
  test_fraction: number;
  /** The column stratified, grouped or ordered on. */
  column?: string;
  /** Time split: the first time in the test set, ISO 8601 (every train row is earlier). */
  cutoff?: string;
  sizes: { train: number; test: number };
}

/** Row indices of a train/test split, ascending, with how they were made. */
export interface Split {
  train: Int32Array;
  test: Int32Array;
  record: SplitRecord;
}

/** How cross-validation folds were made. */
export interface FoldsRecord {
  method: 'kfold' | 'stratified_kfold';
  seed: number;
  k: number;
  column?: string;
  /** Sizes per fold, in fold order. */
  sizes: { train: number; test: number }[];
}

/** Cross-validation folds: fold `i` tests on `folds[i].test` and trains on the rest. */
export interface Folds {
  folds: { train: Int32Array; test: Int32Array }[];
  record: FoldsRecord;
}

/** Checks a test fraction is strictly between 0 and 1. */
export function checkFraction(testFraction: number): void {
  if (!(typeof testFraction === 'number' && testFraction > 0 && testFraction < 1)) {
    throw new LatheError('BAD_PARAM', `test fraction must be between 0 and 1 (exclusive), got ${testFraction}`, {
      hint: 'use e.g. 0.2 to hold out a fifth of the rows',
    });
  }
}

/** Checks a seed is a safe integer (the PRNG uses its low 32 bits). */
export function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed)) {
    throw new LatheError('BAD_PARAM', `seed must be an integer, got ${seed}`, { hint: 'use e.g. seed 42' });
  }
}

/** Checks there are at least two rows to split. */
export function checkRows(n: number, what = 'rows'): void {
  if (!Number.isInteger(n) || n < 2) {
    throw new LatheError('BAD_INPUT', `cannot split ${n} ${what}: a split needs at least 2`, {
      hint: n === 0 ? 'the dataset has zero rows; ingest data with rows' : 'use more data',
    });
  }
}

/**
 * Test rows for `n` rows at a fraction: rounded, and kept between 1 and
 * n - 1 so neither side is ever empty.
 */
export function testCount(n: number, testFraction: number): number {
  return Math.min(n - 1, Math.max(1, Math.round(n * testFraction)));
}

/** Turns a test mask into ascending train and test index arrays. */
export function fromMask(mask: Uint8Array): { train: Int32Array; test: Int32Array } {
  let nTest = 0;
  for (let i = 0; i < mask.length; i++) nTest += mask[i];
  const train = new Int32Array(mask.length - nTest);
  const test = new Int32Array(nTest);
  let a = 0;
  let b = 0;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i]) test[b++] = i;
    else train[a++] = i;
  }
  return { train, test };
}

/** `0, 1, …, n - 1`. */
export function iota(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** Folds from a fold number per row. */
export function foldsOf(foldOf: Int32Array, k: number): { train: Int32Array; test: Int32Array }[] {
  const out: { train: Int32Array; test: Int32Array }[] = [];
  const mask = new Uint8Array(foldOf.length);
  for (let f = 0; f < k; f++) {
    for (let i = 0; i < foldOf.length; i++) mask[i] = foldOf[i] === f ? 1 : 0;
    out.push(fromMask(mask));
  }
  return out;
}
