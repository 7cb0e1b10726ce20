import type { Frame } from '../core/index.js';
import { foldFrame } from '../data/split/index.js';
import type { FoldsRecord } from '../data/split/index.js';
import type { ParamValue, Task } from '../estimators/index.js';
import { fitModel } from './fit-model.js';
import { scoreModel } from './score-model.js';

/** Cross-validation metrics: per fold, and their mean and standard deviation. */
export interface CvResult {
  folds: Record<string, number>[];
  mean: Record<string, number>;
  std: Record<string, number>;
  record: FoldsRecord;
}

/**
 * K-fold cross-validation on the training rows (stratified for
 * classification): the pipeline and the estimator are refitted on every
 * fold, so nothing of a fold's test rows leaks into its model.
 */
export async function crossValidate(
  frame: Frame,
  target: string | null,
  task: Task,
  algo: string,
  params: Record<string, ParamValue>,
  k: number,
  seed: number,
): Promise<CvResult> {
  const classifier = (task === 'binary' || task === 'multiclass') && target;
  const folds = foldFrame(frame, classifier ? { method: 'stratified_kfold', column: target, k, seed } : { method: 'kfold', k, seed });
  const perFold: Record<string, number>[] = [];
  for (const f of folds.folds) {
    const fitted = await fitModel({ frame: frame.take(f.train), target, task, algo, params });
    const test = frame.take(f.test);
    perFold.push(scoreModel(fitted.predictor, test, target ? test.column(target) : null).result.metrics);
  }
  const keys = Object.keys(perFold[0] ?? {});
  const mean: Record<string, number> = {};
  const std: Record<string, number> = {};
  for (const key of keys) {
    const xs = perFold.map((m) => m[key]);
    const mu = xs.reduce((s, x) => s + x, 0) / xs.length;
    mean[key] = mu;
    // Population standard deviation, as numpy's default (ddof=0) reports it for cross_val_score.
    std[key] = Math.sqrt(xs.reduce((s, x) => s + (x - mu) ** 2, 0) / xs.length);
  }
  return { folds: perFold, mean, std, record: folds.record };
}
