import { LatheError } from '../errors.js';
import { readYamlFile } from './yaml-file.js';

/** Top-level keys of lathe.yaml that `lathe train --config` reads (see train-config). */
export const TRAIN_KEYS = [
  'dataset', 'target', 'task', 'algo', 'params', 'split', 'test_size', 'test_dataset', 'cv', 'search', 'search_time', 'search_strategy',
  'experiment', 'register', 'schema', 'metric', 'seed',
] as const;

/** The sections of lathe.yaml, each read by its own command: `monitor:` and `retrain:` (monitor run, serve), `ingest:` (ingest). */
export const LATHE_YAML_SECTIONS = ['monitor', 'retrain', 'ingest'] as const;

/** Every top-level key lathe.yaml may hold. */
export const LATHE_YAML_KEYS: readonly string[] = [...TRAIN_KEYS, ...LATHE_YAML_SECTIONS];

/**
 * Reads a lathe.yaml with the shared YAML loader (size, alias and nesting
 * limits) and checks its top level: a mapping whose keys are all known to
 * some command, so a file holding every section is accepted by each reader
 * and a misspelt key is refused by name whichever command reads it. Each
 * reader then checks its own keys with the config-schema validator. An
 * empty file is an empty config.
 */
export function readLatheYaml(file: string): Record<string, unknown> {
  const doc = readYamlFile(file, { what: 'config file', missingHint: 'check the --config path' });
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new LatheError('BAD_INPUT', `${file}: the config must be a mapping of keys, got ${Array.isArray(doc) ? 'a list' : JSON.stringify(doc).slice(0, 40)}`, {
      hint: `top-level keys: ${LATHE_YAML_KEYS.join(', ')}`,
    });
  }
  const obj = doc as Record<string, unknown>;
  const unknown = Object.keys(obj).filter((k) => !LATHE_YAML_KEYS.includes(k));
  if (unknown.length > 0) {
    throw new LatheError('BAD_INPUT', `${file}: ${unknown.map((k) => `unknown key "${k}"`).join('; ')}`, { hint: `top-level keys: ${LATHE_YAML_KEYS.join(', ')}` });
  }
  return obj;
}
