import type { Column, Frame } from '../core/index.js';
import { assertValidName, formatDatasetRef } from '../core/index.js';
import { type Split, foldFrame } from '../data/split/index.js';
import { type DatasetSchema, readSchemaFile } from '../data/schema/index.js';
import { LatheError } from '../errors.js';
import { type ParamValue, type Task, createEstimator, detectTask } from '../estimators/index.js';
import { loadFrame, resolveDataset } from '../ingest/index.js';
import type { DatasetVersionRecord, Home } from '../store/index.js';
import { candidates } from './choose-algo.js';
import { PRIMARY_METRIC, checkTaskMetric } from './metrics/index.js';
import { splitRows } from './split-rows.js';
import type { TrainConfig } from './train-config.js';

/** Everything a run needs that could be checked before it was created. */
export interface TrainPlan {
  /** The dataset version, pinned: later loads read this version, not a newer one. */
  rec: DatasetVersionRecord;
  /** The `--schema` gate, parsed. */
  schema: DatasetSchema | null;
  task: Task;
  metric: string;
  /** The rows with a target, all of them (before the split). */
  frame: Frame;
  train: Frame;
  test: Frame;
  splitRecord: Record<string, unknown>;
  /** The inner train/validation split that `--search` and `--algo auto` score on; null when neither runs. */
  inner: Split | null;
  warnings: string[];
}

/**
 * The pre-flight of `lathe train`: every check that needs no fitting —
 * names, dataset and test dataset, schema file, target and task, metric,
 * algorithm and parameters, the split and the CV folds — so that a usage
 * error is refused before a run exists. Only failures after the run starts
 * (the schema gate, a fit, a search) are recorded as FAILED runs.
 */
export async function planTraining(home: Home, cfg: TrainConfig): Promise<TrainPlan> {
  if (cfg.register) assertValidName('model', cfg.register);
  if (cfg.target === null && cfg.task !== 'clustering') {
    const what = cfg.task === undefined ? 'no target column given' : `a ${cfg.task} model needs a target column`;
    throw new LatheError('BAD_USAGE', what, { hint: 'pass --target <column> to predict a column, or --task clustering to group the rows without one' });
  }
  const rec = await resolveDataset(home, cfg.dataset);
  const testRec = cfg.test_dataset ? await resolveDataset(home, cfg.test_dataset) : null;
  const schema = cfg.schema ? readSchemaFile(cfg.schema) : null;
  const warnings: string[] = [];
  const ref = formatDatasetRef(rec.name, rec.version);
  let frame = await loadFrame(home, ref);
  checkTargetColumn(frame, cfg.target, ref);
  frame = dropMissingTarget(frame, cfg.target, warnings);
  const task = cfg.task ?? detectTask(cfg.target ? frame.column(cfg.target) : null).task;
  checkTarget(frame, cfg.target, task);
  const metric = checkTaskMetric(cfg.metric ?? PRIMARY_METRIC[task], task);
  checkAlgo(cfg, task);
  let train = frame;
  let test: Frame;
  let splitRecord: Record<string, unknown>;
  if (testRec) {
    const testRef = formatDatasetRef(testRec.name, testRec.version);
    const raw = await loadFrame(home, testRef);
    checkTargetColumn(raw, cfg.target, testRef);
    const missing = frame.names.filter((n) => !raw.has(n));
    if (missing.length > 0) {
      throw new LatheError('BAD_INPUT', `--test-dataset ${testRef} lacks columns of ${ref}: ${missing.slice(0, 5).join(', ')}`, {
        hint: 'pass a test dataset with the same columns as the training data',
      });
    }
    test = dropMissingTarget(raw, cfg.target, warnings);
    if (test.rows === 0) throw new LatheError('BAD_INPUT', `--test-dataset ${testRef} has no rows with a target`, { hint: 'pass a test dataset with labelled rows' });
    splitRecord = { method: 'test_dataset', test_dataset: cfg.test_dataset, sizes: { train: frame.rows, test: test.rows } };
  } else {
    const split = splitRows(frame, cfg, task);
    train = frame.take(split.train);
    test = frame.take(split.test);
    splitRecord = split.record as unknown as Record<string, unknown>;
  }
  const searching = cfg.search > 0 || cfg.search_time > 0;
  const inner = searching || cfg.algo === 'auto' ? splitRows(train, cfg, task, 0.2, cfg.seed + 1) : null;
  if (searching && inner && (inner.train.length === 0 || inner.test.length === 0)) {
    throw new LatheError('BAD_INPUT', `a search needs training and validation rows (got ${inner.train.length} and ${inner.test.length})`, { hint: 'use a larger dataset or a smaller test size' });
  }
  if (cfg.cv > 0) {
    // The same folds crossValidate draws: a class too small for k folds is refused here.
    const classifier = (task === 'binary' || task === 'multiclass') && cfg.target;
    foldFrame(train, classifier ? { method: 'stratified_kfold', column: cfg.target!, k: cfg.cv, seed: cfg.split.seed } : { method: 'kfold', k: cfg.cv, seed: cfg.split.seed });
  }
  return { rec, schema, task, metric, frame, train, test, splitRecord, inner, warnings };
}

/**
 * The algorithm and its parameters, checked by building (not fitting) the
 * estimator: an unknown algorithm, one that does not do the task, or a bad
 * parameter is refused with the estimator's own message. With `auto`, a
 * parameter must suit at least one candidate.
 */
function checkAlgo(cfg: TrainConfig, task: Task): void {
  const params: Record<string, ParamValue> = { seed: cfg.seed, ...cfg.params };
  if (cfg.algo !== 'auto') {
    createEstimator(cfg.algo, task, params);
    return;
  }
  const algos = candidates(task);
  if (algos.length === 0) throw new LatheError('BAD_USAGE', `no algorithm does ${task}`, { hint: 'pass another --task' });
  let first: unknown;
  for (const algo of algos) {
    try {
      createEstimator(algo, task, params);
      return;
    } catch (e) {
      first ??= e;
    }
  }
  throw first;
}

function checkTargetColumn(frame: Frame, target: string | null, ref: string): void {
  if (target !== null && !frame.has(target)) {
    throw new LatheError('BAD_INPUT', `target column "${target}" is not in ${ref}`, { hint: `columns: ${frame.names.join(', ')}` });
  }
}

/** Rows without a target cannot teach or test; they are dropped and counted. */
function dropMissingTarget(frame: Frame, target: string | null, warnings: string[]): Frame {
  if (!target || !frame.has(target)) return frame;
  const col = frame.column(target);
  const keep: number[] = [];
  for (let i = 0; i < frame.rows; i++) if (!missingAt(col, i)) keep.push(i);
  if (keep.length === frame.rows) return frame;
  warnings.push(`${frame.rows - keep.length} rows without a value for "${target}" were left out`);
  return frame.take(Int32Array.from(keep));
}

function missingAt(col: Column, i: number): boolean {
  return 'codes' in col ? col.codes[i] < 0 : Number.isNaN(col.values[i]);
}

function checkTarget(frame: Frame, target: string | null, task: Task): void {
  if (frame.rows === 0) throw new LatheError('BAD_INPUT', 'no rows to train on', { hint: 'ingest data with rows that have a target' });
  if (!target) return;
  const col = frame.column(target);
  const first = 'codes' in col ? col.codes[0] : col.values[0];
  let constant = true;
  for (let i = 1; i < frame.rows && constant; i++) constant = ('codes' in col ? col.codes[i] : col.values[i]) === first;
  if (constant) {
    throw new LatheError('BAD_INPUT', `target "${target}" is constant`, { hint: 'a model cannot learn from a target with one value; pick another target' });
  }
}
