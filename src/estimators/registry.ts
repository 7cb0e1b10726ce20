import { LatheError } from '../errors.js';
import type { Estimator, EstimatorJSON, ParamValue, Task } from './estimator.js';
import type { ParamSpec } from './params.js';

/** What the registry knows of an algorithm. */
export interface EstimatorFactory {
  /** Stable key, e.g. `gbdt`. */
  readonly kind: string;
  readonly tasks: readonly Task[];
  readonly params: readonly ParamSpec[];
  /** Whether it takes categorical columns (codes) and NaN natively. */
  readonly nativeCategorical: boolean;
  /** A new, unfitted estimator; throws BAD_PARAM on bad parameters. */
  create(task: Task, params: Record<string, ParamValue | undefined>): Estimator;
  /** Rebuilds a fitted estimator from its JSON form. */
  fromJSON(json: EstimatorJSON): Estimator;
}

const factories = new Map<string, EstimatorFactory>();

/** Registers an algorithm under its `kind`. */
export function registerEstimator(f: EstimatorFactory): void {
  factories.set(f.kind, f);
}

/** The factory of an algorithm; BAD_PARAM lists the known ones. */
export function estimatorFactory(kind: string): EstimatorFactory {
  const f = factories.get(kind);
  if (!f) {
    throw new LatheError('BAD_PARAM', `unknown algorithm "${kind}"`, { hint: `known algorithms: ${[...factories.keys()].sort().join(', ')}` });
  }
  return f;
}

/** All registered algorithms. */
export function estimatorKinds(): string[] {
  return [...factories.keys()].sort();
}

/** Creates an estimator, checking it supports the task. */
export function createEstimator(kind: string, task: Task, params: Record<string, ParamValue | undefined> = {}): Estimator {
  const f = estimatorFactory(kind);
  if (!f.tasks.includes(task)) {
    throw new LatheError('BAD_PARAM', `${kind} does not do ${task}`, { hint: `${kind} does: ${f.tasks.join(', ')}` });
  }
  return f.create(task, params);
}

/** Rebuilds any estimator from its JSON form. */
export function estimatorFromJSON(json: EstimatorJSON): Estimator {
  return estimatorFactory(json.kind).fromJSON(json);
}
