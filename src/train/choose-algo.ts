import type { Frame } from '../core/index.js';
import { type Task, estimatorFactory, estimatorKinds } from '../estimators/index.js';
import { fitModel } from './fit-model.js';
import { greaterIsBetter } from './metrics/index.js';
import { scoreModel } from './score-model.js';

/** The algorithms `--algo auto` considers for a task, best-first by prior. */
export function candidates(task: Task): string[] {
  const prior = ['gbdt', 'forest', 'logistic', 'linear', 'kmeans'];
  return estimatorKinds()
    .filter((k) => k !== 'baseline' && estimatorFactory(k).tasks.includes(task))
    .sort((a, b) => rank(prior, a) - rank(prior, b));
}

/**
 * Picks the algorithm for `--algo auto`: each candidate is fitted with its
 * default parameters on `train` and scored on `valid` (both carved from the
 * training rows, so the test rows stay unseen), and the best primary metric wins.
 */
export async function chooseAlgo(
  train: Frame,
  valid: Frame,
  target: string | null,
  task: Task,
  metric: string,
  seed: number,
): Promise<{ algo: string; scores: Record<string, number> }> {
  const scores: Record<string, number> = {};
  let best: string | undefined;
  for (const algo of candidates(task)) {
    const fitted = await fitModel({ frame: train, target, task, algo, params: { seed } });
    const value = scoreModel(fitted.predictor, valid, target ? valid.column(target) : null).result.metrics[metric];
    scores[algo] = value;
    if (Number.isNaN(value)) continue;
    if (best === undefined || better(metric, value, scores[best])) best = algo;
  }
  return { algo: best ?? candidates(task)[0], scores };
}

/** True when `a` beats `b` on `metric`. */
export function better(metric: string, a: number, b: number): boolean {
  return greaterIsBetter(metric) ? a > b : a < b;
}

function rank(prior: string[], k: string): number {
  const i = prior.indexOf(k);
  return i < 0 ? prior.length : i;
}
