import type { Frame } from '../../core/index.js';
import { type ParamValue, type Task } from '../../estimators/index.js';
import { toLatheError } from '../../errors.js';
import { fitModel } from '../fit-model.js';
import { scoreModel } from '../score-model.js';

/** One configuration to fit and score. */
export interface TrialSpec {
  /** Position in the search's order; ties in score go to the lower index. */
  index: number;
  algo: string;
  params: Record<string, ParamValue>;
  /** Fit on this many training rows (a seeded subsample); absent: all of them. */
  rows?: number;
}

/** What evaluating a trial gave: the validation metrics, or the error it threw. */
export type TrialOutcome =
  | { ok: true; metrics: Record<string, number>; trainSeconds: number; seconds: number }
  | { ok: false; error: { code: string; message: string }; seconds: number };

/** The data every trial of a search shares. */
export interface TrialContext {
  /** The inner-train rows (part of the run's training rows). */
  train: Frame;
  /** The inner-validation rows, scored by every trial; never the test rows. */
  valid: Frame;
  target: string | null;
  task: Task;
  /** A seeded permutation of the train rows; a row-budget trial fits on a prefix of it. */
  order: Int32Array;
}

/**
 * Fits the pipeline and estimator of one trial on the inner-train rows and
 * scores every metric on the inner-validation rows. Never throws: an error
 * (a bad parameter combination, say) becomes a failed outcome, so one bad
 * trial does not stop a search.
 */
export async function evaluateTrial(ctx: TrialContext, spec: TrialSpec): Promise<TrialOutcome> {
  const t0 = performance.now();
  const seconds = () => (performance.now() - t0) / 1000;
  try {
    const frame = spec.rows !== undefined && spec.rows < ctx.train.rows ? ctx.train.take(subsample(ctx.order, spec.rows)) : ctx.train;
    const fitted = await fitModel({ frame, target: ctx.target, task: ctx.task, algo: spec.algo, params: spec.params });
    const target = ctx.target ? ctx.valid.column(ctx.target) : null;
    const metrics = scoreModel(fitted.predictor, ctx.valid, target).result.metrics;
    return { ok: true, metrics, trainSeconds: fitted.trainSeconds, seconds: seconds() };
  } catch (e) {
    const err = toLatheError(e);
    return { ok: false, error: { code: err.code, message: err.message }, seconds: seconds() };
  }
}

/** The first `n` rows of the permutation, in row order (gathers read memory in order). */
function subsample(order: Int32Array, n: number): Int32Array {
  return order.slice(0, n).sort();
}
