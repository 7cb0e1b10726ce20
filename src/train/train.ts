import { formatDatasetRef, silentProgress, type Progress } from '../core/index.js';
import { validateDataset } from '../data/validate/index.js';
import { LatheError } from '../errors.js';
import type { ParamValue, Task } from '../estimators/index.js';
import type { Home } from '../store/index.js';
import { registerRun } from '../registry/index.js';
import { RunTracker, latheVersion } from '../tracking/index.js';
import { candidates, chooseAlgo } from './choose-algo.js';
import { crossValidate, type CvResult } from './cross-validate.js';
import { fitModel } from './fit-model.js';
import { writePackage } from './package/index.js';
import { buildDocument } from './model-document.js';
import { recordEvaluation } from './run-artifacts.js';
import { scoreModel } from './score-model.js';
import { runSearch } from './search/index.js';
import { type TrainPlan, planTraining } from './preflight.js';
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
  // Usage errors are refused here, before a run exists to be left FAILED.
  const plan = await planTraining(home, cfg);
  const { rec } = plan;
  const run = await RunTracker.start(home, {
    experiment: cfg.experiment,
    kind: 'train',
    params: { ...configParams(cfg) },
    dataset: { name: rec.name, version: rec.version, hash: rec.hash },
  });
  try {
    if (plan.schema) {
      const report = await validateDataset(home, formatDatasetRef(rec.name, rec.version), plan.schema);
      if (!report.valid) {
        const errors = report.anomalies.filter((a) => a.severity === 'error');
        const err = new LatheError('CHECK_FAILED', `${rec.name}@${rec.version} fails the schema: ${errors.length} errors (first: ${errors[0].column ?? '-'} ${errors[0].reason})`, {
          hint: `see the anomalies with \`lathe validate ${rec.name}@${rec.version} --schema ${cfg.schema}\``,
        });
        await run.fail(err, report.anomalies);
        throw err;
      }
    }
    const result = await trainBody(home, cfg, plan, run, progress);
    return result;
  } catch (e) {
    const current = await home.meta.getRun(run.id);
    if (current?.status === 'RUNNING') await run.fail(e);
    throw e;
  }
}

async function trainBody(home: Home, cfg: TrainConfig, plan: TrainPlan, run: RunTracker, progress: Progress): Promise<TrainResult> {
  const warnings = [...plan.warnings];
  const { task, metric, train: trainFrame, test: testFrame } = plan;
  await run.log({ split: plan.splitRecord, params: { task, metric } });
  let algo = cfg.algo;
  let params: Record<string, ParamValue> = { seed: cfg.seed, ...cfg.params };
  let search: TrainResult['search'] = null;
  if (cfg.search > 0 || cfg.search_time > 0) {
    // Trials are scored on an inner validation split of the training rows: the test rows stay unseen.
    progress.update({ fraction: 0.05 });
    const inner = plan.inner!;
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
    const inner = plan.inner!;
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
  const doc = buildDocument({ cfg, task, fitted, trainFrame, metrics: flat, runId: run.id, rec: plan.rec, latheVersion: latheVersion() });
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
