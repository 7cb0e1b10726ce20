import { checkConfig as checkSpec, readLatheYaml, TRAIN_KEYS, v } from '../core/index.js';
import { LatheError } from '../errors.js';
import type { ParamValue, Task } from '../estimators/index.js';

/** Split methods `lathe train` takes. */
export const SPLIT_METHODS = ['random', 'stratified', 'group', 'time'] as const;
/** Search strategies `--search-strategy` takes. */
export const SEARCH_STRATEGIES = ['random', 'halving'] as const;
/** Tasks `--task` takes. */
export const TASKS: readonly Task[] = ['regression', 'binary', 'multiclass', 'clustering'];

/** Everything that shapes one `lathe train`; CLI flags and `--config` files fill it. */
export interface TrainConfig {
  dataset: string;
  /** The target column; null for clustering. */
  target: string | null;
  /** Detected from the target when undefined. */
  task?: Task;
  /** An estimator kind, or `auto`. */
  algo: string;
  params: Record<string, ParamValue>;
  split: { method: (typeof SPLIT_METHODS)[number] | 'auto'; test_size: number; seed: number; column?: string };
  /** Evaluate on this dataset version instead of splitting; all of `dataset` trains. */
  test_dataset?: string;
  /** K for cross-validation on the training rows; 0 for none. */
  cv: number;
  /** Random-search trials; 0 for none. */
  search: number;
  /** Search wall-clock budget in seconds; 0 for none. */
  search_time: number;
  /** How trials are spent: independent random draws, or successive halving (factor 3). */
  search_strategy: (typeof SEARCH_STRATEGIES)[number];
  experiment: string;
  /** Register the model under this name (the registry arrives with issue 6). */
  register?: string;
  /** A schema file to gate the data with before fitting. */
  schema?: string;
  /** The primary metric, overriding the task's default. */
  metric?: string;
  seed: number;
}

const PARAM_VALUE = v.oneOf<ParamValue>([v.num(), v.str(), v.bool()], 'a number, string or boolean');

/** The training keys of lathe.yaml, checked by the shared config validator. */
const TRAIN_SPEC = v.object({
  dataset: v.str({ nonEmpty: true }),
  target: v.nullable(v.str({ nonEmpty: true })),
  task: v.enumOf(TASKS),
  algo: v.str({ nonEmpty: true }),
  params: v.record(PARAM_VALUE),
  split: v.object({
    method: v.enumOf([...SPLIT_METHODS, 'auto'] as const),
    test_size: v.num({ gt: 0, lt: 1 }),
    seed: v.int({ min: 0 }),
    column: v.str({ nonEmpty: true }),
  }),
  test_size: v.num({ gt: 0, lt: 1 }),
  test_dataset: v.str({ nonEmpty: true }),
  cv: v.int({ min: 0 }),
  search: v.int({ min: 0 }),
  search_time: v.num({ min: 0 }),
  search_strategy: v.enumOf(SEARCH_STRATEGIES),
  experiment: v.str({ nonEmpty: true }),
  register: v.str({ nonEmpty: true }),
  schema: v.str({ nonEmpty: true }),
  metric: v.str({ nonEmpty: true }),
  seed: v.int({ min: 0 }),
});

/** Defaults of every optional key. */
export function defaultConfig(dataset: string, target: string | null): TrainConfig {
  return {
    dataset, target, algo: 'auto', params: {}, split: { method: 'auto', test_size: 0.2, seed: 0 },
    cv: 0, search: 0, search_time: 0, search_strategy: 'random', experiment: 'default', seed: 0,
  };
}

/**
 * Reads the training keys of a `lathe.yaml`. The file goes through the
 * shared YAML loader; its other sections (`monitor:`, `retrain:`, `ingest:`)
 * are left to their commands, and unknown keys (at any level) and values of
 * the wrong type are refused naming their path.
 */
export function readTrainConfig(path: string): Partial<TrainConfig> & { test_size?: number } {
  const doc = readLatheYaml(path);
  const own = Object.fromEntries(TRAIN_KEYS.filter((k) => Object.hasOwn(doc, k)).map((k) => [k, doc[k]]));
  const cfg = checkSpec(TRAIN_SPEC, own, path, '', 'fix the value in the config file; `lathe train --help` lists the options');
  // Keys the file does not set stay absent, so flags and defaults fill them.
  return Object.fromEntries(Object.entries(cfg).filter(([, x]) => x !== undefined)) as Partial<TrainConfig> & { test_size?: number };
}

/** Checks ranges once flags and file are merged. */
export function checkConfig(c: TrainConfig): TrainConfig {
  const bad = (key: string, want: string) => new LatheError('BAD_USAGE', `${key} must be ${want}`, { hint: 'see `lathe train --help`' });
  if (!(c.split.test_size > 0 && c.split.test_size < 1)) throw bad('--test-size', 'a fraction in (0, 1)');
  if (!Number.isInteger(c.cv) || c.cv < 0 || c.cv === 1) throw bad('--cv', 'an integer of at least 2 (or 0 for none)');
  if (!Number.isInteger(c.search) || c.search < 0) throw bad('--search', 'a whole number of trials');
  if (!(c.search_time >= 0)) throw bad('--search-time', 'a number of seconds');
  if (!(SEARCH_STRATEGIES as readonly string[]).includes(c.search_strategy)) throw bad('--search-strategy', `one of ${SEARCH_STRATEGIES.join(', ')}`);
  if (c.task !== undefined && !TASKS.includes(c.task)) throw bad('--task', `one of ${TASKS.join(', ')}`);
  if (c.split.method !== 'auto' && !(SPLIT_METHODS as readonly string[]).includes(c.split.method)) throw bad('--split', `one of ${SPLIT_METHODS.join(', ')}`);
  if (!Number.isInteger(c.seed) || c.seed < 0) throw bad('--seed', 'a non-negative integer');
  return c;
}
