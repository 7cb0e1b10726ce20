import type { Column, Frame } from '../core/index.js';
import { assertValidName, formatDatasetRef, silentProgress, type Progress } from '../core/index.js';
import { readSchemaFile } from '../data/schema/index.js';
import { validateDataset } from '../data/validate/index.js';
import { LatheError } from '../errors.js';
import { detectTask, type ParamValue, type Task } from '../estimators/index.js';
import { loadFrame, resolveDataset } from '../ingest/index.js';
import type { Home } from '../store/index.js';
import { registerRun } from '../registry/index.js';
import { RunTracker, latheVersion } from '../tracking/index.js';
import { candidates, chooseAlgo } from './choose-algo.js';
import { crossValidate, type CvResult } from './cross-validate.js';
import { fitModel } from './fit-model.js';
import { PRIMARY_METRIC } from './metrics/index.js';
import { writePackage } from './package/index.js';
import { buildDocument } from './model-document.js';
import { recordEvaluation } from './run-artifacts.js';
import { scoreModel } from './score-model.js';
import { runSearch } from './search/index.js';
import { splitRows } from './split-rows.js';
import type { TrainConfig } from './train-config.js';

/** The result of `lathe train`, in the stable `--json` shape. */
export interface TrainResult {
  run_id: string;
  status: 'FINISHED';
  task: Task;
  algo: string;
  params: Record<string, unknown>;
  metrics: { test: Record<string, number>; cv: { mean: Record<string, number>; std: Record<string, number> } | null };
  model: { name: string; version: number } | null;
  package: string;
  train_seconds: number;
  /** What `--search` tried and kept; null without a search. */
  search: { strategy: string; metric: string; trials: number; seconds: number; best: { algo: string; params: Record<string, ParamValue>; score: number; run_id: string } } | null;
  warnings: string[];
}

/**
 * One training run: validation gate, split, pipeline and estimator fit,
 * test evaluation (and CV), the model package, and the run record. Any
 * failure marks the run FAILED (with the anomaly report when the gate said
 * no) and leaves no package.
 */
export async function train(home: Home, cfg: TrainConfig, progress: Progress = silentProgress): Promise<TrainResult> {
  // A bad model name must fail before any training is spent.
  if (cfg.register) assertValidName('model', cfg.register);
  const rec = await resolveDataset(home, cfg.dataset);
  const run = await RunTracker.start(home, {
    experiment: cfg.experiment,
    kind: 'train',
    params: { ...configParams(cfg) },
    dataset: { name: rec.name, version: rec.version, hash: rec.hash },
  });
  try {
    if (cfg.schema) {
      const report = await validateDataset(home, formatDatasetRef(rec.name, rec.version), readSchemaFile(cfg.schema));
      if (!report.valid) {
        const errors = report.anomalies.filter((a) => a.severity === 'error');
        const err = new LatheError('CHECK_FAILED', `${rec.name}@${rec.version} fails the schema: ${errors.length} errors (first: ${errors[0].column ?? '-'} ${errors[0].reason})`, {
          hint: `see the anomalies with \`lathe validate ${rec.name}@${rec.version} --schema ${cfg.schema}\``,
        });
        await run.fail(err, report.anomalies);
        throw err;
      }
    }
    const result = await trainBody(home, cfg, run, progress);
    return result;
  } catch (e) {
    const current = await home.meta.getRun(run.id);
    if (current?.status === 'RUNNING') await run.fail(e);
    throw e;
  }
}

async function trainBody(home: Home, cfg: TrainConfig, run: RunTracker, progress: Progress): Promise<TrainResult> {
  const warnings: string[] = [];
  let frame = await loadFrame(home, cfg.dataset);
  if (cfg.target !== null && !frame.has(cfg.target)) {
    throw new LatheError('BAD_INPUT', `target column "${cfg.target}" is not in ${cfg.dataset}`, { hint: `columns: ${frame.names.join(', ')}` });
  }
  frame = dropMissingTarget(frame, cfg.target, warnings);
  const task = cfg.task ?? detectTask(cfg.target ? frame.column(cfg.target) : null).task;
  checkTarget(frame, cfg.target, task);
  const metric = cfg.metric ?? PRIMARY_METRIC[task];
  let trainFrame = frame;
  let testFrame: Frame;
  let splitRecord: Record<string, unknown>;
  if (cfg.test_dataset) {
    testFrame = dropMissingTarget(await loadFrame(home, cfg.test_dataset), cfg.target, warnings);
    splitRecord = { method: 'test_dataset', test_dataset: cfg.test_dataset, sizes: { train: frame.rows, test: testFrame.rows } };
  } else {
    const split = splitRows(frame, cfg, task);
    trainFrame = frame.take(split.train);
    testFrame = frame.take(split.test);
    splitRecord = split.record as unknown as Record<string, unknown>;
  }
  await run.log({ split: splitRecord, params: { task, metric } });
  let algo = cfg.algo;
  let params: Record<string, ParamValue> = { seed: cfg.seed, ...cfg.params };
  let search: TrainResult['search'] = null;
  if (cfg.search > 0 || cfg.search_time > 0) {
    // Trials are scored on an inner validation split of the training rows: the test rows stay unseen.
    progress.update({ fraction: 0.05 });
    const inner = splitRows(trainFrame, cfg, task, 0.2, cfg.seed + 1);
    const found = await runSearch({
      home, parentRunId: run.id, experiment: cfg.experiment,
      train: trainFrame.take(inner.train), valid: trainFrame.take(inner.test),
      target: cfg.target, task, algos: algo === 'auto' ? candidates(task) : [algo], metric,
      trials: cfg.search, seconds: cfg.search_time, seed: cfg.seed, strategy: cfg.search_strategy, fixed: cfg.params,
      onTrial: (_t, p) => {
        const of = p.trials !== null ? `/${p.trials}` : '';
        const frac = p.trials !== null ? p.done / p.trials : p.secondsBudget ? p.seconds / p.secondsBudget : undefined;
        const best = p.best === null ? '' : `, best ${metric} ${Number(p.best.toPrecision(4))}`;
        progress.update({ fraction: frac === undefined ? undefined : 0.05 + 0.25 * Math.min(1, frac), message: `trial ${p.done}${of}${best}` });
      },
    });
    warnings.push(...found.warnings);
    algo = found.best.algo;
    params = { ...found.best.params };
    search = { strategy: found.strategy, metric, trials: found.trials.length, seconds: found.budget_used.seconds, best: found.best };
    await run.log({ params: { search_best: found.best, search_trials: found.trials.length } });
  } else if (algo === 'auto') {
    progress.update({ fraction: 0.05 });
    const inner = splitRows(trainFrame, cfg, task, 0.2, cfg.seed + 1);
    const chosen = await chooseAlgo(trainFrame.take(inner.train), trainFrame.take(inner.test), cfg.target, task, metric, cfg.seed);
    algo = chosen.algo;
    await run.log({ params: { auto_candidates: candidates(task), auto_scores: chosen.scores } });
  }
  progress.update({ fraction: 0.3 });
  progress.update({ message: `fitting ${algo}` });
  const fitted = await fitModel({
    frame: trainFrame, target: cfg.target, task, algo, params,
    onIteration: (i, total) => progress.update({ fraction: 0.3 + 0.4 * (i / total), message: `${algo} round ${i}/${total}` }),
  });
  for (const [key, steps] of fitted.steps) await run.logSteps(key, steps);
  const scored = scoreModel(fitted.predictor, testFrame, cfg.target ? testFrame.column(cfg.target) : null);
  warnings.push(...scored.result.warnings);
  progress.update({ fraction: 0.7 });
  let cv: CvResult | null = null;
  if (cfg.cv > 0) progress.update({ message: `${cfg.cv}-fold cross-validation` });
  if (cfg.cv > 0) cv = await crossValidate(trainFrame, cfg.target, task, algo, params, cfg.cv, cfg.split.seed);
  const test = scored.result.metrics;
  const flat: Record<string, number> = { ...prefix('test.', test), train_seconds: fitted.trainSeconds };
  if (cv) Object.assign(flat, prefix('cv.mean.', cv.mean), prefix('cv.std.', cv.std));
  await run.log({ params: { algo, ...params }, metrics: flat, ...(cv ? { tags: { cv_folds: String(cv.record.k) } } : {}) });
  // Kept once every check has passed, so a failed run lists no artifacts.
  await recordEvaluation(home, run, scored.result, scored.predictions.classes);
  const doc = buildDocument({ cfg, task, fitted, trainFrame, metrics: flat, runId: run.id, rec: await resolveDataset(home, cfg.dataset), latheVersion: latheVersion() });
  const pkg = await writePackage(home, doc, async (p, pending) => {
    await run.addArtifact({ name: 'model', sha256: p.sha256, kind: 'package' });
    await run.finish(pending);
    return p;
  });
  progress.done();
  let model: TrainResult['model'] = null;
  if (cfg.register) {
    const { record } = await registerRun(home, run.id, { name: cfg.register });
    model = { name: record.model, version: record.version };
  }
  return {
    run_id: run.id,
    status: 'FINISHED',
    task,
    algo,
    params,
    metrics: { test, cv: cv ? { mean: cv.mean, std: cv.std } : null },
    model,
    package: pkg.sha256,
    train_seconds: fitted.trainSeconds,
    search,
    warnings,
  };
}

function configParams(cfg: TrainConfig): Record<string, unknown> {
  return { algo: cfg.algo, target: cfg.target, split: cfg.split, cv: cfg.cv, search: cfg.search, search_time: cfg.search_time, search_strategy: cfg.search_strategy, test_dataset: cfg.test_dataset ?? null, user_params: cfg.params };
}

function prefix(p: string, m: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [p + k, v]));
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
  if (!target) {
    if (task !== 'clustering') throw new LatheError('BAD_USAGE', `a ${task} model needs --target`, { hint: 'pass --target <column>, or --task clustering' });
    return;
  }
  const col = frame.column(target);
  const first = 'codes' in col ? col.codes[0] : col.values[0];
  let constant = true;
  for (let i = 1; i < frame.rows && constant; i++) constant = ('codes' in col ? col.codes[i] : col.values[i]) === first;
  if (constant) {
    throw new LatheError('BAD_INPUT', `target "${target}" is constant`, { hint: 'a model cannot learn from a target with one value; pick another target' });
  }
}

