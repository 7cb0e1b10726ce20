import type { Column, Frame } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import type { Task } from '../estimator.js';
import { checkFeatureFrame, toClassTarget, toRegressionTarget } from '../target.js';

/** A checked training target: numbers, or class indices with their labels. */
export interface TreeTarget {
  y: Float64Array;
  classes: string[] | null;
  w: Float64Array | null;
}

/**
 * Checks the frame, target and weights of a tree model's fit: at least one
 * feature, a target without missing values (two or more classes for a
 * classifier, exactly two for `binary`), one finite non-negative weight per row.
 */
export function treeTarget(kind: string, task: Task, frame: Frame, target: Column | null, weight: Float64Array | undefined): TreeTarget {
  checkFeatureFrame(kind, frame, 1);
  if (!target) throw new LatheError('BAD_INPUT', `${kind}: ${task} needs a target column`, { hint: 'pass the target column to fit()' });
  const len = 'codes' in target ? target.codes.length : target.values.length;
  if (len !== frame.rows) {
    throw new LatheError('BAD_INPUT', `${kind}: the target has ${len} rows, the frame ${frame.rows}`, { hint: 'pass one target value per row' });
  }
  const w = weight ? checkWeights(kind, weight, frame.rows) : null;
  if (task === 'regression') return { y: toRegressionTarget(target), classes: null, w };
  const t = toClassTarget(target);
  if (task === 'binary' && t.classes.length !== 2) {
    throw new LatheError('BAD_INPUT', `${kind}: target "${target.name}" has ${t.classes.length} classes, binary needs 2`, {
      hint: 'use the multiclass task',
    });
  }
  return { y: Float64Array.from(t.y), classes: t.classes, w };
}

function checkWeights(kind: string, w: Float64Array, n: number): Float64Array {
  if (w.length !== n) throw new LatheError('BAD_INPUT', `${kind}: ${w.length} sample weights for ${n} rows`, { hint: 'pass one weight per row' });
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (!(w[i] >= 0) || w[i] === Infinity) {
      throw new LatheError('BAD_INPUT', `${kind}: sample weight ${w[i]} at row ${i}`, { hint: 'weights must be finite and not negative' });
    }
    total += w[i];
  }
  if (total <= 0) throw new LatheError('BAD_INPUT', `${kind}: every sample weight is 0`, { hint: 'give some rows a positive weight' });
  return w;
}

/** A validation target in the training target's terms: its labels mapped to the training classes. */
export function validationTarget(kind: string, task: Task, target: Column, classes: string[] | null): Float64Array {
  if (task === 'regression' || !classes) return toRegressionTarget(target);
  const index = new Map(classes.map((c, i) => [c, i]));
  const n = 'codes' in target ? target.codes.length : target.values.length;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let label: string | null;
    if ('codes' in target) label = target.codes[i] < 0 ? null : target.dictionary[target.codes[i]];
    else {
      const v = target.values[i];
      label = Number.isNaN(v) ? null : target.type === 'boolean' ? (v === 1 ? 'true' : 'false') : String(v);
    }
    const c = label === null ? undefined : index.get(label);
    if (c === undefined) {
      throw new LatheError('BAD_INPUT', `${kind}: validation target value ${label ?? 'null'} is not a training class`, {
        hint: `training classes: ${classes.join(', ')}; drop missing targets first`,
      });
    }
    y[i] = c;
  }
  return y;
}
