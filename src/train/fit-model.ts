import type { Column, Frame } from '../core/index.js';
import { autoPipeline } from '../data/pipeline/index.js';
import { type ParamValue, type Task, createEstimator, estimatorFactory } from '../estimators/index.js';
import { Predictor } from '../predict/index.js';

/** A fitted model and what its fit cost. */
export interface FittedModel {
  predictor: Predictor;
  /** The estimator's fit alone, in seconds (the `train_seconds` of the contract). */
  trainSeconds: number;
  /** Step-wise training values (e.g. validation loss per boosting round). */
  steps: Map<string, [number, number][]>;
}

/** What {@link fitModel} needs. */
export interface FitRequest {
  frame: Frame;
  /** The target column's name, or null for clustering. */
  target: string | null;
  task: Task;
  algo: string;
  params: Record<string, ParamValue>;
  /** Told of each boosting round (or other iteration) as the estimator reports it. */
  onIteration?: (iteration: number, total: number) => void;
}

/**
 * Fits the auto feature pipeline (the lighter one for estimators that take
 * categoricals natively) on the rows given, then the estimator on its output.
 */
export async function fitModel(req: FitRequest): Promise<FittedModel> {
  const factory = estimatorFactory(req.algo);
  const targetCol: Column | null = req.target ? req.frame.column(req.target) : null;
  const schema = req.frame.schema();
  const pipeline = autoPipeline(schema, { target: req.target ?? undefined, nativeCategorical: factory.nativeCategorical });
  const X = pipeline.fitTransform(req.frame, targetCol ?? undefined);
  const estimator = createEstimator(req.algo, req.task, req.params);
  const steps = new Map<string, [number, number][]>();
  const t0 = performance.now();
  await estimator.fit(X, targetCol, {
    onIteration: (info) => {
      req.onIteration?.(info.iteration, info.total);
      if (info.trainLoss !== undefined) push(steps, 'train.loss', info.iteration, info.trainLoss);
      if (info.validLoss !== undefined) push(steps, 'valid.loss', info.iteration, info.validLoss);
    },
  });
  const trainSeconds = (performance.now() - t0) / 1000;
  return { predictor: new Predictor(pipeline, estimator, req.task), trainSeconds, steps };
}

function push(m: Map<string, [number, number][]>, key: string, step: number, value: number): void {
  let list = m.get(key);
  if (!list) m.set(key, (list = []));
  list.push([step, value]);
}
