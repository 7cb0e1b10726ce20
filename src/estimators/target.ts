import type { Column, Frame } from '../core/index.js';
import { LatheError } from '../errors.js';

/** A classification target as class indices. */
export interface ClassTarget {
  y: Int32Array;
  classes: string[];
}

/**
 * Turns a target column into class indices 0..k-1 and their labels:
 * categorical labels keep dictionary order, numbers sort numerically,
 * booleans are `false`/`true`. Missing targets and a single class are errors.
 */
export function toClassTarget(col: Column): ClassTarget {
  const n = 'codes' in col ? col.codes.length : col.values.length;
  const y = new Int32Array(n);
  if ('codes' in col) {
    const used = new Int32Array(col.dictionary.length).fill(-1);
    for (let i = 0; i < n; i++) {
      if (col.codes[i] < 0) throw missingTarget(col.name);
      used[col.codes[i]] = 1;
    }
    const classes: string[] = [];
    for (let c = 0; c < used.length; c++) if (used[c] === 1) used[c] = classes.push(col.dictionary[c]) - 1;
    for (let i = 0; i < n; i++) y[i] = used[col.codes[i]];
    return checkClasses(col.name, { y, classes });
  }
  const distinct = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(col.values[i])) throw missingTarget(col.name);
    distinct.add(col.values[i]);
  }
  const sorted = [...distinct].sort((a, b) => a - b);
  const index = new Map(sorted.map((v, i) => [v, i]));
  for (let i = 0; i < n; i++) y[i] = index.get(col.values[i])!;
  const classes = col.type === 'boolean' ? sorted.map((v) => (v === 1 ? 'true' : 'false')) : sorted.map(String);
  return checkClasses(col.name, { y, classes });
}

/** A regression target as numbers; missing values are an error. */
export function toRegressionTarget(col: Column): Float64Array {
  if ('codes' in col) {
    throw new LatheError('BAD_INPUT', `target "${col.name}" is ${col.type}, not numeric`, {
      hint: 'use a classification task for a categorical target, or pick a numeric target',
    });
  }
  for (let i = 0; i < col.values.length; i++) if (Number.isNaN(col.values[i])) throw missingTarget(col.name);
  return col.values;
}

/** Refuses a frame with no feature columns, or with fewer rows than `minRows`. */
export function checkFeatureFrame(kind: string, frame: Frame, minRows = 1): void {
  if (frame.columns.length === 0) {
    throw new LatheError('BAD_INPUT', `${kind}: the frame has no feature columns`, { hint: 'keep at least one column besides the target' });
  }
  if (frame.rows < minRows) {
    throw new LatheError('BAD_INPUT', `${kind}: needs at least ${minRows} rows, got ${frame.rows}`, { hint: 'train on more data' });
  }
}

/** Refuses a frame missing any of the features the estimator was fitted on. */
export function checkPredictFrame(kind: string, frame: Frame, features: readonly string[]): void {
  for (const f of features) {
    if (!frame.has(f)) {
      throw new LatheError('BAD_INPUT', `${kind}: column "${f}" is missing`, { hint: `the model needs: ${features.join(', ')}` });
    }
  }
}

/** The error for estimators used before fit. */
export function notFitted(kind: string): LatheError {
  return new LatheError('NOT_FITTED', `${kind} is not fitted`, { hint: 'call fit() first, or load a fitted model' });
}

function missingTarget(name: string): LatheError {
  return new LatheError('BAD_INPUT', `target "${name}" has missing values`, {
    hint: 'drop the rows without a target first (lathe derive … --sql "SELECT * FROM data WHERE target IS NOT NULL")',
  });
}

function checkClasses(name: string, t: ClassTarget): ClassTarget {
  if (t.classes.length < 2) {
    throw new LatheError('BAD_INPUT', `target "${name}" has a single class (${t.classes[0] ?? 'none'})`, {
      hint: 'a classifier needs at least two classes in the training rows',
    });
  }
  return t;
}
