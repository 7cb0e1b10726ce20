import type { ParamValue } from '../../estimators/index.js';
import { type ErrorCode, LatheError } from '../../errors.js';
import type { Home } from '../../store/index.js';
import { RunTracker } from '../../tracking/index.js';
import { better } from '../choose-algo.js';
import type { BudgetClock } from './budget.js';
import type { TrialSpec } from './evaluate-trial.js';
import type { TrialRunner } from './trial-runner.js';

/** One trial of a search, as {@link runSearch} reports it. */
export interface TrialResult {
  /** The trial's child run. */
  run_id: string;
  /** Order in which the trial started. */
  index: number;
  algo: string;
  params: Record<string, ParamValue>;
  /** The search metric on the validation rows; null when the trial failed or the metric is undefined (NaN). */
  score: number | null;
  status: 'FINISHED' | 'FAILED';
  /** Wall seconds of the trial: pipeline fit, estimator fit and scoring. */
  seconds: number;
  /** The estimator's fit alone; null when the trial failed. */
  train_seconds: number | null;
  /** Successive halving: the rung (0 first) and the training rows used when rows are the budget. */
  rung?: number;
  rows?: number;
  error?: { code: string; message: string };
}

/** Where a search stands after a trial, for progress displays. */
export interface SearchProgress {
  /** Trials ended, and the trial budget (null when only seconds limit the search). */
  done: number;
  trials: number | null;
  /** Wall seconds so far, and the time budget (null when only the count limits it). */
  seconds: number;
  secondsBudget: number | null;
  /** The best score so far (any rung), or null before the first scored trial. */
  best: number | null;
}

/** Where and how trials are recorded. */
export interface SessionOptions {
  home: Home;
  parentRunId: string;
  experiment: string;
  metric: string;
  strategy: string;
  onTrial?: (t: TrialResult, p: SearchProgress) => void;
}

/**
 * Runs a search's trials on a {@link TrialRunner} within a budget, and
 * records each as a child run. Only this (the main) thread writes to the
 * metadata store; workers only compute.
 */
export class SearchSession {
  /** Every trial so far, in the order they ended. */
  readonly trials: TrialResult[] = [];

  constructor(
    private readonly o: SessionOptions,
    private readonly runner: TrialRunner,
    readonly clock: BudgetClock,
  ) {}

  /**
   * Runs specs from `next` (null when there are no more), up to the
   * runner's size at once, until `next` ends or the budget is used up.
   * Specs are drawn in order on one thread, so which spec gets which index
   * never depends on timing. Returns this batch's trials by index.
   */
  async runAll(next: () => TrialSpec | null, rung?: number): Promise<TrialResult[]> {
    const batch: TrialResult[] = [];
    const lane = async (): Promise<void> => {
      for (;;) {
        if (!this.clock.canStart()) return;
        const spec = next();
        if (!spec) return;
        this.clock.take();
        batch.push(await this.runOne(spec, rung));
      }
    };
    await Promise.all(Array.from({ length: this.runner.size }, lane));
    return batch.sort((a, b) => a.index - b.index);
  }

  private async runOne(spec: TrialSpec, rung: number | undefined): Promise<TrialResult> {
    const tags: Record<string, string> = { search_strategy: this.o.strategy, search_index: String(spec.index) };
    if (rung !== undefined) tags.search_rung = String(rung);
    if (spec.rows !== undefined) tags.search_rows = String(spec.rows);
    const run = await RunTracker.start(this.o.home, {
      experiment: this.o.experiment,
      kind: 'trial',
      parent: this.o.parentRunId,
      params: { algo: spec.algo, ...spec.params },
      tags,
    });
    const outcome = await this.runner.run(spec);
    const base = { run_id: run.id, index: spec.index, algo: spec.algo, params: spec.params, seconds: outcome.seconds, ...(rung !== undefined ? { rung } : {}), ...(spec.rows !== undefined ? { rows: spec.rows } : {}) };
    let result: TrialResult;
    if (outcome.ok) {
      const metrics: Record<string, number> = { train_seconds: outcome.trainSeconds };
      for (const [k, v] of Object.entries(outcome.metrics)) metrics[`valid.${k}`] = v;
      await run.log({ metrics });
      await run.finish();
      const score = outcome.metrics[this.o.metric];
      result = { ...base, score: Number.isFinite(score) ? score : null, status: 'FINISHED', train_seconds: outcome.trainSeconds };
    } else {
      await run.fail(new LatheError(outcome.error.code as ErrorCode, outcome.error.message));
      result = { ...base, score: null, status: 'FAILED', train_seconds: null, error: outcome.error };
    }
    this.trials.push(result);
    this.o.onTrial?.(result, this.progress());
    return result;
  }

  private progress(): SearchProgress {
    let best: number | null = null;
    for (const t of this.trials) if (t.score !== null && (best === null || better(this.o.metric, t.score, best))) best = t.score;
    const { trials, seconds } = this.clock.budget;
    return { done: this.trials.length, trials: trials > 0 ? trials : null, seconds: this.clock.elapsed(), secondsBudget: seconds > 0 ? seconds : null, best };
  }
}
