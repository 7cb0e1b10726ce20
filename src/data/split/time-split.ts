import type { Column } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import { type Split, checkFraction, checkRows, fromMask, testCount } from './split-record.js';

/**
 * A train/test split by time: every train row is strictly earlier than
 * every test row, and the latest `round(n × testFraction)` rows, or as close
 * as ties allow, are the test set. Rows sharing the boundary time go wholly
 * to one side. Nothing is random, so the record's seed is null.
 *
 * @param times a Frame column, which must be a datetime column, or epoch ms.
 * @throws LatheError BAD_INPUT when the column is not a datetime, has missing
 *   times, or every row has the same time.
 *
 * @example
 * ```ts
 * const split = timeSplit(frame.column('date'), 0.2);
 * split.record.cutoff; // the first test time, ISO 8601
 * ```
 */
export function timeSplit(times: Column | Float64Array, testFraction: number): Split {
  checkFraction(testFraction);
  const values = timesOf(times);
  const name = times instanceof Float64Array ? undefined : times.name;
  const n = values.length;
  checkRows(n);
  const sorted = Float64Array.from(values).sort();
  if (Number.isNaN(sorted[n - 1])) {
    const missing = n - sorted.findIndex((v) => Number.isNaN(v));
    throw new LatheError('BAD_INPUT', `${missing} row${missing === 1 ? ' has' : 's have'} no time${name ? ` in column "${name}"` : ''}; a time split cannot place them`, {
      hint: 'drop or fill the rows with a missing time first',
    });
  }
  const { boundary, ties, first } = chooseBoundary(sorted, testCount(n, testFraction), name);
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) mask[i] = (ties ? values[i] >= boundary : values[i] > boundary) ? 1 : 0;
  const { train, test } = fromMask(mask);
  return {
    train,
    test,
    record: {
      method: 'time',
      seed: null,
      test_fraction: testFraction,
      ...(name ? { column: name } : {}),
      cutoff: isoOrNumber(first),
      sizes: { train: train.length, test: test.length },
    },
  };
}

/**
 * Where test starts. Rows sharing the boundary time go to test (all rows at
 * or after it) or to train (only rows after it go to test), whichever lands
 * nearer the target size with neither side empty.
 */
function chooseBoundary(sorted: Float64Array, target: number, name: string | undefined): { boundary: number; ties: boolean; first: number } {
  const n = sorted.length;
  const boundary = sorted[n - target];
  const withTies = n - lowerBound(sorted, boundary);
  const withoutTies = n - upperBound(sorted, boundary);
  const options = [withTies, withoutTies].filter((s) => s >= 1 && s <= n - 1);
  if (options.length === 0) {
    throw new LatheError('BAD_INPUT', `every row has the same time${name ? ` in column "${name}"` : ''}; a time split needs at least two distinct times`, {
      hint: 'use a random split',
    });
  }
  const ties = options.reduce((a, b) => (Math.abs(b - target) < Math.abs(a - target) ? b : a)) === withTies;
  return { boundary, ties, first: ties ? boundary : sorted[n - withoutTies] };
}

/** The epoch ms of a datetime column; any other column type is refused by name. */
function timesOf(times: Column | Float64Array): Float64Array {
  if (times instanceof Float64Array) return times;
  if (times.type !== 'datetime' || !('values' in times)) {
    throw new LatheError('BAD_INPUT', `column "${times.name}" is ${times.type}, not datetime; a time split orders rows by a datetime column`, {
      hint: 'split on a datetime column, or ingest this one as a timestamp (e.g. --types col=TIMESTAMP)',
    });
  }
  return times.values;
}

/** First index with sorted[i] >= x. */
function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with sorted[i] > x. */
function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isoOrNumber(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
}
