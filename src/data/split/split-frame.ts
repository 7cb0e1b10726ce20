import type { Column, Frame } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import { groupSplit } from './group-split.js';
import { kFold, stratifiedKFold } from './k-fold.js';
import { randomSplit } from './random-split.js';
import type { Folds, Split } from './split-record.js';
import { stratifiedSplit } from './stratified-split.js';
import { timeSplit } from './time-split.js';

/** How to split a frame into train and test. */
export type SplitSpec =
  | { method: 'random'; testFraction: number; seed: number }
  | { method: 'stratified'; column: string; testFraction: number; seed: number }
  | { method: 'group'; column: string; testFraction: number; seed: number }
  | { method: 'time'; column: string; testFraction: number };

/** How to fold a frame for cross-validation. */
export type FoldSpec = { method: 'kfold'; k: number; seed: number } | { method: 'stratified_kfold'; column: string; k: number; seed: number };

/**
 * Splits a frame by a spec, resolving the column by name and checking its
 * type: an unknown column is NOT_FOUND naming the columns there are, and a
 * time split on a column that is not a datetime is BAD_INPUT.
 *
 * @example
 * ```ts
 * const { train, test, record } = splitFrame(frame, { method: 'stratified', column: 'species', testFraction: 0.2, seed: 42 });
 * ```
 */
export function splitFrame(frame: Frame, spec: SplitSpec): Split {
  switch (spec.method) {
    case 'random':
      return randomSplit(frame.rows, spec.testFraction, spec.seed);
    case 'stratified': {
      const { codes, names } = labelCodes(columnOf(frame, spec.column, 'stratify'));
      return withColumn(stratifiedSplit(codes, spec.testFraction, spec.seed, names), spec.column);
    }
    case 'group':
      return withColumn(groupSplit(labelCodes(columnOf(frame, spec.column, 'group')).codes, spec.testFraction, spec.seed), spec.column);
    case 'time':
      return timeSplit(columnOf(frame, spec.column, 'time'), spec.testFraction);
  }
}

/** Cross-validation folds of a frame by a spec; see {@link splitFrame} for column errors. */
export function foldFrame(frame: Frame, spec: FoldSpec): Folds {
  if (spec.method === 'kfold') return kFold(frame.rows, spec.k, spec.seed);
  const { codes, names } = labelCodes(columnOf(frame, spec.column, 'stratify'));
  const folds = stratifiedKFold(codes, spec.k, spec.seed, names);
  return { ...folds, record: { ...folds.record, column: spec.column } };
}

/**
 * Class codes of any column: a categorical or text column's own codes, or
 * codes of the sorted distinct values of a numeric one (NaN is -1), with
 * their names for messages.
 */
export function labelCodes(col: Column): { codes: Int32Array; names: string[] } {
  if ('codes' in col) return { codes: col.codes, names: [...col.dictionary] };
  const distinct = [...new Set(col.values)].filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const code = new Map(distinct.map((v, i) => [v, i]));
  const codes = new Int32Array(col.values.length);
  for (let i = 0; i < codes.length; i++) codes[i] = code.get(col.values[i]) ?? -1;
  const show = col.type === 'datetime' ? (v: number) => new Date(v).toISOString() : col.type === 'boolean' ? (v: number) => String(v === 1) : String;
  return { codes, names: distinct.map(show) };
}

function columnOf(frame: Frame, name: string, role: string): Column {
  if (!frame.has(name)) {
    throw new LatheError('NOT_FOUND', `column "${name}" to ${role} on does not exist`, {
      hint: `the columns are: ${frame.names.join(', ')}`,
    });
  }
  return frame.column(name);
}

function withColumn(split: Split, column: string): Split {
  return { ...split, record: { ...split.record, column } };
}
