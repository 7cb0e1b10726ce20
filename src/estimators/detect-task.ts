import type { Column } from '../core/index.js';
import { LatheError } from '../errors.js';
import type { Task } from './estimator.js';

/** The task chosen for a target, and why, for logs. */
export interface DetectedTask {
  task: Task;
  reason: string;
}

/** Thresholds of {@link detectTask}'s integer rule. */
export interface DetectTaskOptions {
  /** At most this many distinct values for an integer target to be classes (default 20). */
  maxClasses?: number;
  /** And at most this fraction of the (non-missing) rows (default 0.05). */
  maxClassFraction?: number;
}

/**
 * Picks the task from the target column when `--task` is not given:
 * - no target: clustering;
 * - categorical or boolean: classification, binary with 2 distinct values
 *   and multiclass with more;
 * - integer-valued numbers (an `integer` column, or a numeric one whose
 *   values are all whole): classification when there are exactly 2
 *   distinct values, or at most `maxClasses` (20) that are at most
 *   `maxClassFraction` (5%) of the rows — so ratings and codes are classes,
 *   counts and years are not;
 * - other numbers: regression.
 *
 * Missing values are not counted. Free text, datetimes, a target with no
 * values or with a single distinct value are BAD_INPUT.
 *
 * @example
 * ```ts
 * detectTask(frame.column('species')); // { task: 'multiclass', reason: 'categorical target with 3 classes' }
 * detectTask(null);                    // { task: 'clustering', reason: 'no target column' }
 * ```
 */
export function detectTask(target: Column | null, opts: DetectTaskOptions = {}): DetectedTask {
  if (target === null) return { task: 'clustering', reason: 'no target column' };
  const name = target.name;
  if (target.type === 'text') {
    throw new LatheError('BAD_INPUT', `target "${name}" is free text, which no task predicts`, {
      hint: `set "${name}" to categorical in the schema to classify it, or pass --task`,
    });
  }
  if (target.type === 'datetime') {
    throw new LatheError('BAD_INPUT', `target "${name}" is a datetime`, {
      hint: 'derive a numeric target (e.g. epoch days or a duration) and pass --task regression',
    });
  }
  if ('codes' in target) return classes(name, 'categorical', countCodes(target.codes, target.dictionary.length));
  const maxClasses = opts.maxClasses ?? 20;
  const { distinct, rows, whole } = countValues(target.values, maxClasses);
  if (target.type === 'boolean') return classes(name, 'boolean', distinct);
  if (rows === 0) throw noValues(name);
  if (distinct === 1) throw singleValue(name);
  const integer = target.type === 'integer' || whole;
  const what = `${target.type === 'integer' ? 'integer' : whole ? 'whole-number' : 'numeric'} target`;
  if (integer && distinct === 2) return { task: 'binary', reason: `${what} with 2 distinct values` };
  const fraction = opts.maxClassFraction ?? 0.05;
  if (integer && distinct <= maxClasses && distinct <= fraction * rows) {
    return { task: 'multiclass', reason: `${what} with ${distinct} distinct values in ${rows} rows (≤ ${maxClasses} and ≤ ${fraction * 100}% of rows)` };
  }
  const count = distinct > maxClasses ? `more than ${maxClasses}` : String(distinct);
  return { task: 'regression', reason: `${what} with ${count} distinct values in ${rows} rows` };
}

function classes(name: string, type: string, distinct: number): DetectedTask {
  if (distinct === 0) throw noValues(name);
  if (distinct === 1) throw singleValue(name);
  return distinct === 2
    ? { task: 'binary', reason: `${type} target with 2 classes` }
    : { task: 'multiclass', reason: `${type} target with ${distinct} classes` };
}

/** Distinct codes in use (-1, missing, is not one). */
function countCodes(codes: Int32Array, size: number): number {
  const seen = new Uint8Array(size);
  let distinct = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c >= 0 && seen[c] === 0) {
      seen[c] = 1;
      distinct++;
    }
  }
  return distinct;
}

/**
 * Non-missing rows, whether every value is whole, and the distinct count —
 * exact up to `cap`, and only known to exceed it after that, so a
 * million-valued column does not fill a Set.
 */
function countValues(values: Float64Array, cap: number): { distinct: number; rows: number; whole: boolean } {
  const seen = new Set<number>();
  let rows = 0;
  let whole = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    rows++;
    if (whole && !Number.isInteger(v)) whole = false;
    if (seen.size <= cap) seen.add(v);
  }
  return { distinct: seen.size, rows, whole };
}

function noValues(name: string): LatheError {
  return new LatheError('BAD_INPUT', `target "${name}" has no values`, { hint: 'pick a target column that is filled in' });
}

function singleValue(name: string): LatheError {
  return new LatheError('BAD_INPUT', `target "${name}" has a single distinct value`, { hint: 'there is nothing to learn; pick another target' });
}
