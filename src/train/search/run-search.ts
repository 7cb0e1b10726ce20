import { availableParallelism } from 'node:os';
import { type Frame, Rng } from '../../core/index.js';
import { type ParamValue, type Task, estimatorFactory, estimatorKinds } from '../../estimators/index.js';
import { type ErrorCode, LatheError } from '../../errors.js';
import type { Home } from '../../store/index.js';
import { better } from '../choose-algo.js';
import { greaterIsBetter } from '../metrics/index.js';
import { BudgetClock, checkBudget } from './budget.js';
import { type SearchPlan, randomSearch } from './random-search.js';
import { type SearchProgress, SearchSession, type TrialResult } from './search-session.js';
import { type SearchSpace, spaceFor } from './space.js';
import { successiveHalving } from './successive-halving.js';
import { openRunner } from './trial-runner.js';

/** Options of {@link runSearch}. */
export interface SearchOptions {
  home: Home;
  /** The run the trials are children of. */
  parentRunId: string;
  experiment: string;
  /** Inner-train rows: trials fit on these. */
  train: Frame;
  /** Inner-validation rows: trials are scored on these. Never pass the test rows. */
  valid: Frame;
  target: string | null;
  task: Task;
  /** Algorithms to search; ones not registered or not doing the task are skipped. */
  algos: string[];
  /** The metric to optimise (direction from `greaterIsBetter`). */
  metric: string;
  /** Trial budget; 0 for none (then `seconds` must be > 0). */
  trials: number;
  /** Wall-seconds budget; 0 for none (then `trials` must be > 0). */
  seconds: number;
  seed: number;
  strategy: 'random' | 'halving';
  /** Trials at once; default the core count. 1 runs them in this thread. */
  parallel?: number;
  /** Called as each trial ends, with where the search stands (for progress bars). */
  onTrial?: (t: TrialResult, p: SearchProgress) => void;
  /** Parameters every trial keeps (the user's `--params`); they are not searched. */
  fixed?: Record<string, ParamValue>;
  /** Spaces replacing the built-in ones, by algorithm. */
  spaces?: Record<string, SearchSpace>;
  /** Whether the first trial of each algorithm uses its defaults; default true. */
  defaults?: boolean;
  /** The halving budget: `auto` (rounds for gbdt/forest, rows otherwise) or always `rows`. */
  resource?: 'auto' | 'rows';
}

/** What a search found and spent. */
export interface SearchResult {
  /** The best trial: on the last rung reached for halving, by `metric`; ties go to the earlier trial. */
  best: { algo: string; params: Record<string, ParamValue>; score: number; run_id: string };
  /** Every trial, in start order. */
  trials: TrialResult[];
  strategy: 'random' | 'halving';
  metric: string;
  budget_used: { trials: number; seconds: number };
  warnings: string[];
}

/**
 * Hyper-parameter search: trials draw configurations from each algorithm's
 * space, fit on `train` and are scored on `valid`, in parallel on worker
 * threads, within a trial count and/or wall-seconds budget. Every trial is
 * recorded as a child run (kind `trial`) of `parentRunId`, FINISHED with
 * `valid.<metric>` metrics or FAILED with its error; a failed trial does
 * not stop the search. Throws BAD_USAGE for a zero budget or when no
 * algorithm can be searched, and the first trial's error when all failed.
 * Worker threads load the built-in estimators only.
 *
 * @example
 * ```ts
 * const r = await runSearch({ home, parentRunId: run.id, experiment: 'default', train, valid,
 *   target: 'price', task: 'regression', algos: ['linear'], metric: 'rmse',
 *   trials: 20, seconds: 0, seed: 0, strategy: 'random' });
 * r.best; // { algo: 'linear', params: { alpha: 3.2, l1_ratio: 0.1, seed: 0 }, score: 1.07, run_id: '…' }
 * ```
 */
export async function runSearch(o: SearchOptions): Promise<SearchResult> {
  checkBudget({ trials: o.trials, seconds: o.seconds });
  greaterIsBetter(o.metric);
  if (o.strategy !== 'random' && o.strategy !== 'halving') {
    throw new LatheError('BAD_USAGE', `unknown search strategy "${String(o.strategy)}"`, { hint: 'use random or halving' });
  }
  checkFrames(o);
  if (!(await o.home.meta.getRun(o.parentRunId))) {
    throw new LatheError('NOT_FOUND', `search parent run ${o.parentRunId} does not exist`, { hint: 'start the search run before its trials' });
  }
  const plan = buildPlan(o);
  const clock = new BudgetClock({ trials: o.trials, seconds: o.seconds });
  const order = new Rng(o.seed).shuffle(Int32Array.from({ length: o.train.rows }, (_, i) => i));
  const ctx = { train: o.train, valid: o.valid, target: o.target, task: o.task, order };
  const parallel = Math.max(1, Math.min(o.parallel ?? availableParallelism(), o.trials > 0 ? o.trials : Infinity));
  const { runner, warning } = await openRunner(ctx, parallel);
  const session = new SearchSession({ home: o.home, parentRunId: o.parentRunId, experiment: o.experiment, metric: o.metric, strategy: o.strategy, onTrial: o.onTrial }, runner, clock);
  try {
    if (o.strategy === 'random') await randomSearch(session, plan);
    else await successiveHalving(session, plan, { trainRows: o.train.rows, resource: o.resource ?? 'auto', metric: o.metric });
  } finally {
    await runner.close();
  }
  const trials = [...session.trials].sort((a, b) => a.index - b.index);
  return {
    best: bestTrial(trials, o.metric, o.parentRunId),
    trials,
    strategy: o.strategy,
    metric: o.metric,
    budget_used: { trials: clock.trials, seconds: clock.elapsed() },
    warnings: warning ? [warning] : [],
  };
}

/** The algorithms, spaces and fixed parameters of a search; BAD_USAGE when no algorithm is left. */
function buildPlan(o: SearchOptions): SearchPlan {
  const known = estimatorKinds();
  const algos = [...new Set(o.algos)].filter((a) => known.includes(a) && estimatorFactory(a).tasks.includes(o.task));
  if (algos.length === 0) {
    throw new LatheError('BAD_USAGE', `no algorithm to search for ${o.task} among: ${o.algos.join(', ') || '(none)'}`, {
      hint: `registered algorithms: ${known.join(', ')}`,
    });
  }
  const fixed = new Map<string, Record<string, ParamValue>>();
  const spaces = new Map<string, SearchSpace>();
  for (const algo of algos) {
    // With several algorithms, a user parameter only goes to those that declare it.
    const declared = new Set(estimatorFactory(algo).params.map((s) => s.name));
    const own = Object.entries(o.fixed ?? {}).filter(([k]) => algos.length === 1 || declared.has(k));
    const f = { seed: o.seed, ...Object.fromEntries(own) };
    fixed.set(algo, f);
    spaces.set(algo, spaceFor(algo, o.spaces?.[algo], f) ?? {});
  }
  return { algos, spaces, fixed, seed: o.seed, defaults: o.defaults ?? true };
}

function checkFrames(o: SearchOptions): void {
  if (o.train.rows === 0 || o.valid.rows === 0) {
    throw new LatheError('BAD_INPUT', `a search needs training and validation rows (got ${o.train.rows} and ${o.valid.rows})`, { hint: 'use a larger dataset or a smaller test size' });
  }
  if (o.target !== null && !(o.train.has(o.target) && o.valid.has(o.target))) {
    throw new LatheError('BAD_INPUT', `target column "${o.target}" is missing from the search frames`, { hint: 'pass frames that hold the target column' });
  }
}

/**
 * The winning trial. For halving only the last rung reached counts: a
 * candidate that scored well on a small budget but was not promoted, or
 * was not yet run on the full budget, is not comparable.
 */
export function bestTrial(trials: readonly TrialResult[], metric: string, parentRunId = '<search run id>'): SearchResult['best'] {
  const scored = trials.filter((t) => t.score !== null);
  if (scored.length === 0) {
    const first = trials.find((t) => t.error);
    const err = first?.error ?? { code: 'INTERNAL', message: 'no trial gave a score' };
    throw new LatheError(err.code as ErrorCode, `all ${trials.length} search trials failed or gave no score; the first: ${err.message}`, {
      hint: `see the trial runs with \`lathe runs --parent ${parentRunId}\`${first ? '' : '; the metric may be undefined on the validation rows'}`,
    });
  }
  const top = Math.max(...scored.map((t) => t.rung ?? 0));
  let best: TrialResult | undefined;
  for (const t of scored) {
    if ((t.rung ?? 0) !== top) continue;
    if (!best || better(metric, t.score!, best.score!) || (t.score === best.score && t.index < best.index)) best = t;
  }
  return { algo: best!.algo, params: best!.params, score: best!.score!, run_id: best!.run_id };
}
