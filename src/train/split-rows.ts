import type { Frame } from '../core/index.js';
import { LatheError } from '../errors.js';
import { type SplitSpec, splitFrame, type Split } from '../data/split/index.js';
import type { Task } from '../estimators/index.js';
import type { TrainConfig } from './train-config.js';

/**
 * The train/test split of a run: the configured method, or by default
 * stratified on the target for classification and random otherwise.
 */
export function splitRows(frame: Frame, cfg: TrainConfig, task: Task, testSize = cfg.split.test_size, seed = cfg.split.seed): Split {
  const classifier = task === 'binary' || task === 'multiclass';
  const method = cfg.split.method === 'auto' ? (classifier && cfg.target ? 'stratified' : 'random') : cfg.split.method;
  let spec: SplitSpec;
  if (method === 'random') spec = { method, testFraction: testSize, seed };
  else if (method === 'time') spec = { method, column: need(cfg.split.column, method), testFraction: testSize };
  else if (method === 'stratified') spec = { method, column: cfg.split.column ?? need(cfg.target ?? undefined, method), testFraction: testSize, seed };
  else spec = { method, column: need(cfg.split.column, method), testFraction: testSize, seed };
  return splitFrame(frame, spec);
}

function need(column: string | undefined, method: string): string {
  if (column) return column;
  throw new LatheError('BAD_USAGE', `a ${method} split needs a column`, { hint: 'pass --split-column <column>' });
}
