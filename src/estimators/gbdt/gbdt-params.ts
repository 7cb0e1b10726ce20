import { LatheError } from '../../errors.js';
import type { ParamValue, Task } from '../estimator.js';
import { type ParamSpec, SEED_PARAM, describeRange, resolveParams } from '../params.js';
import type { BoostConfig } from './boosting.js';
import { OBJECTIVES, type ObjectiveName } from './objectives.js';

/** The hyper-parameters of `gbdt` (names as LightGBM's, see DESIGN.md). */
export const GBDT_PARAMS: readonly ParamSpec[] = [
  { name: 'iterations', type: 'int', default: 100, min: 1, max: 1_000_000, help: 'boosting rounds' },
  { name: 'learning_rate', type: 'float', default: 0.1, min: 0, minExclusive: true, help: 'shrinkage of each tree' },
  { name: 'num_leaves', type: 'int', default: 31, min: 2, max: 131_072, help: 'most leaves per tree (leaf-wise growth)' },
  { name: 'max_depth', type: 'int', default: null, min: 1, max: 1000, help: 'deepest level of a tree; unset: no limit' },
  { name: 'min_data_in_leaf', type: 'int', default: 20, min: 1, help: 'fewest rows in a leaf' },
  { name: 'min_sum_hessian', type: 'float', default: 1e-3, min: 0, help: 'smallest hessian sum in a leaf' },
  { name: 'lambda_l2', type: 'float', default: 0, min: 0, help: 'L2 regularisation of leaf values' },
  { name: 'min_gain_to_split', type: 'float', default: 0, min: 0, help: 'smallest gain of a split' },
  { name: 'max_bins', type: 'int', default: 255, min: 2, max: 255, help: 'histogram bins per feature (plus one for missing)' },
  { name: 'subsample', type: 'float', default: 1, min: 0, max: 1, minExclusive: true, help: 'fraction of rows drawn for each round' },
  { name: 'colsample', type: 'float', default: 1, min: 0, max: 1, minExclusive: true, help: 'fraction of features drawn for each tree' },
  { name: 'objective', type: 'enum', default: 'auto', values: ['auto', ...OBJECTIVES], help: 'loss; auto: l2, binary or multiclass from the task' },
  { name: 'n_iter_no_change', type: 'int', default: null, min: 1, help: 'stop after this many rounds without validation improvement; unset: no early stopping' },
  { name: 'validation_fraction', type: 'float', default: 0.1, min: 0, max: 1, minExclusive: true, maxExclusive: true, help: 'training rows held out for early stopping when no validation set is given' },
  SEED_PARAM,
];

const FOR_TASK: Record<Task, readonly ObjectiveName[]> = {
  regression: ['l2', 'l1', 'huber'],
  binary: ['binary'],
  multiclass: ['multiclass'],
  clustering: [],
};

/** Checks the parameters and replaces objective `auto` with the task's default. */
export function resolveGbdtParams(task: Task, given: Record<string, ParamValue | undefined>): Record<string, ParamValue> {
  const p = resolveParams('gbdt', GBDT_PARAMS, given);
  const allowed = FOR_TASK[task];
  if (p.objective === 'auto') p.objective = allowed[0];
  else if (!allowed.includes(p.objective as ObjectiveName)) {
    const spec = { name: 'objective', type: 'enum', default: 'auto', values: allowed } as const;
    throw new LatheError('BAD_PARAM', `gbdt parameter objective=${String(p.objective)} is out of range for ${task}`, {
      hint: `objective must be ${describeRange(spec)} for ${task}`,
    });
  }
  return p;
}

/** The boosting configuration from resolved parameters. */
export function boostConfig(p: Record<string, ParamValue>): BoostConfig {
  const num = (k: string) => p[k] as number;
  return {
    iterations: num('iterations'),
    learningRate: num('learning_rate'),
    numLeaves: num('num_leaves'),
    maxDepth: p.max_depth === undefined ? Infinity : num('max_depth'),
    minDataInLeaf: num('min_data_in_leaf'),
    minSumHessian: num('min_sum_hessian'),
    lambdaL2: num('lambda_l2'),
    minGainToSplit: num('min_gain_to_split'),
    maxBins: num('max_bins'),
    subsample: num('subsample'),
    colsample: num('colsample'),
    nIterNoChange: p.n_iter_no_change === undefined ? 0 : num('n_iter_no_change'),
    seed: num('seed'),
  };
}
