import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
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

const KEYS = [
  'dataset', 'target', 'task', 'algo', 'params', 'split', 'test_size', 'test_dataset', 'cv', 'search', 'search_time', 'search_strategy',
  'experiment', 'register', 'schema', 'metric', 'seed',
] as const;
const SPLIT_KEYS = ['method', 'test_size', 'seed', 'column'] as const;
/** Sections of the same lathe.yaml that other commands read (monitor run, serve); training ignores them. */
const OTHER_SECTIONS = ['monitor', 'retrain'] as const;

/** Defaults of every optional key. */
export function defaultConfig(dataset: string, target: string | null): TrainConfig {
  return {
    dataset, target, algo: 'auto', params: {}, split: { method: 'auto', test_size: 0.2, seed: 0 },
    cv: 0, search: 0, search_time: 0, search_strategy: 'random', experiment: 'default', seed: 0,
  };
}

/**
 * Reads a `lathe.yaml` training config. Unknown keys (at any level) are
 * refused naming the key; values of the wrong type name their path.
 */
export function readTrainConfig(path: string): Partial<TrainConfig> & { test_size?: number } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new LatheError('NOT_FOUND', `config file ${path} cannot be read`, { hint: 'check the --config path', cause });
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (cause) {
    throw new LatheError('BAD_INPUT', `${path}: ${(cause as Error).message.split('\n')[0]}`, { hint: 'fix the YAML syntax', cause });
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new LatheError('BAD_INPUT', `${path}: the config must be a mapping of keys`, { hint: `keys: ${KEYS.join(', ')}` });
  }
  const obj = doc as Record<string, unknown>;
  unknownKeys(path, '', obj, [...KEYS, ...OTHER_SECTIONS]);
  if (obj.split !== undefined) {
    if (typeof obj.split !== 'object' || obj.split === null) throw typeError(path, 'split', 'a mapping');
    unknownKeys(path, 'split.', obj.split as Record<string, unknown>, SPLIT_KEYS);
  }
  if (obj.params !== undefined && (typeof obj.params !== 'object' || obj.params === null || Array.isArray(obj.params))) {
    throw typeError(path, 'params', 'a mapping of parameter: value');
  }
  for (const k of ['dataset', 'target', 'task', 'algo', 'test_dataset', 'experiment', 'register', 'schema', 'metric', 'search_strategy'] as const) {
    if (obj[k] !== undefined && obj[k] !== null && typeof obj[k] !== 'string') throw typeError(path, k, 'a string');
  }
  for (const k of ['cv', 'search', 'search_time', 'seed', 'test_size'] as const) {
    if (obj[k] !== undefined && typeof obj[k] !== 'number') throw typeError(path, k, 'a number');
  }
  return obj as Partial<TrainConfig> & { test_size?: number };
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

function unknownKeys(path: string, prefix: string, obj: Record<string, unknown>, allowed: readonly string[]): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) {
      throw new LatheError('BAD_INPUT', `${path}: unknown key "${prefix}${k}"`, { hint: `allowed keys: ${allowed.map((a) => prefix + a).join(', ')}` });
    }
  }
}

function typeError(path: string, key: string, want: string): LatheError {
  return new LatheError('BAD_INPUT', `${path}: "${key}" must be ${want}`, { hint: 'fix the value in the config file' });
}
