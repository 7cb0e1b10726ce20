import { LatheError } from '../../errors.js';
import type { ParamValue, Task } from '../estimator.js';
import { type ParamSpec, SEED_PARAM, resolveParams } from '../params.js';

/** The hyper-parameters of `forest` (names as DESIGN.md; max_features also takes a fraction). */
export const FOREST_PARAMS: readonly ParamSpec[] = [
  { name: 'n_estimators', type: 'int', default: 100, min: 1, max: 100_000, help: 'trees' },
  { name: 'max_depth', type: 'int', default: null, min: 1, max: 1000, help: 'deepest level of a tree; unset: no limit' },
  { name: 'min_data_in_leaf', type: 'int', default: 1, min: 1, help: 'fewest rows in a leaf' },
  {
    name: 'max_features', type: 'enum', default: 'auto', values: ['auto', 'sqrt', 'log2', 'all'],
    help: 'features tried at each split: sqrt, log2, all, or a fraction in (0, 1]; auto is sqrt for classification and all for regression, as scikit-learn',
  },
  { name: 'bootstrap', type: 'bool', default: true, help: 'draw each tree\'s rows with replacement' },
  { name: 'max_bins', type: 'int', default: 255, min: 2, max: 255, help: 'histogram bins per feature (plus one for missing)' },
  { name: 'oob_score', type: 'bool', default: false, help: 'score each row with the trees that did not draw it (needs bootstrap)' },
  SEED_PARAM,
];

/**
 * Checks the parameters. `max_features` may be a fraction in (0, 1] (a
 * number, or a string from `--params`), which the enum spec cannot say, so
 * it is checked here and put back after the others are resolved.
 */
export function resolveForestParams(given: Record<string, ParamValue | undefined>): Record<string, ParamValue> {
  const mf = given.max_features;
  const fraction = typeof mf === 'number' || (typeof mf === 'string' && mf.trim() !== '' && !Number.isNaN(Number(mf))) ? Number(mf) : null;
  if (fraction !== null && !(fraction > 0 && fraction <= 1)) {
    throw new LatheError('BAD_PARAM', `forest parameter max_features=${String(mf)} is out of range`, {
      hint: 'max_features must be one of auto, sqrt, log2, all, or a fraction in (0, 1]',
    });
  }
  const p = resolveParams('forest', FOREST_PARAMS, fraction === null ? given : { ...given, max_features: undefined });
  if (fraction !== null) p.max_features = fraction;
  if (p.oob_score === true && p.bootstrap === false) {
    throw new LatheError('BAD_PARAM', 'forest parameter oob_score=true needs bootstrap=true', { hint: 'oob_score must be false when bootstrap is false' });
  }
  return p;
}

/** Features tried per split for `nFeatures` features. */
export function featuresPerSplit(maxFeatures: ParamValue, task: Task, nFeatures: number): number {
  let k: number;
  if (typeof maxFeatures === 'number') k = Math.round(maxFeatures * nFeatures);
  else if (maxFeatures === 'sqrt' || (maxFeatures === 'auto' && task !== 'regression')) k = Math.floor(Math.sqrt(nFeatures));
  else if (maxFeatures === 'log2') k = Math.floor(Math.log2(nFeatures));
  else k = nFeatures;
  return Math.max(1, Math.min(nFeatures, k));
}
