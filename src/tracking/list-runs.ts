import type { MetadataStore, RunQuery, RunRecord, RunStatus } from '../store/index.js';

/** What `lathe runs` asks for; the one place runs are filtered, sorted and cut. */
export interface ListRunsOptions {
  experiment?: string;
  status?: RunStatus;
  /** Only the children of this run id (a search's trials); trials are shown then. */
  parent?: string;
  /** Search trials too; without it (or `parent`) they are hidden, as their parent train run sums them up. */
  all?: boolean;
  /** A metric key: exact (`test.roc_auc`) or bare (`roc_auc`, resolved per run by {@link metricKeyOf}). */
  sort?: string;
  /** The sort direction; by default losses and errors ascend, other metrics descend. */
  ascending?: boolean;
  limit?: number;
}

/** Metric-key endings where a smaller value is better (losses and errors). */
const LOWER_IS_BETTER = ['rmse', 'mae', 'mape', 'log_loss', 'brier', 'inertia'];

/** Where a bare metric name is looked for, in order: held-out test rows, a trial's validation rows, then the CV mean. */
const METRIC_PREFIXES = ['test.', 'valid.', 'cv.mean.'];

/** True when a smaller value of this metric key is better, e.g. `cv.mean.rmse`. */
export function lowerIsBetter(key: string): boolean {
  return LOWER_IS_BETTER.some((s) => key.endsWith(s));
}

/**
 * A metric as a finite number, or undefined. NaN is stored as JSON null, so
 * a metric that was NaN (e.g. AUC with one class present) reads back as null.
 */
export function metricOf(run: RunRecord, key: string): number | undefined {
  const v = run.metrics[key] as number | null | undefined;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/**
 * The stored key a sort key means for one run: the key itself when the run
 * has it, else for a bare name the first of `test.<m>`, `valid.<m>` and
 * `cv.mean.<m>` the run has — so `--sort roc_auc` ranks train runs by their
 * test score and trials by their validation score.
 *
 * @example
 * ```ts
 * metricKeyOf({ metrics: { 'valid.roc_auc': 0.9 } } as RunRecord, 'roc_auc'); // 'valid.roc_auc'
 * ```
 */
export function metricKeyOf(run: RunRecord, key: string): string | undefined {
  if (key in run.metrics) return key;
  for (const p of METRIC_PREFIXES) if (p + key in run.metrics) return p + key;
  return undefined;
}

/** The value a sort key means for one run (see {@link metricKeyOf}). */
export function sortValue(run: RunRecord, key: string): number | undefined {
  const k = metricKeyOf(run, key);
  return k === undefined ? undefined : metricOf(run, k);
}

/**
 * Runs ordered by one metric; runs without it (or with NaN) keep their
 * newest-first order after the rest, because Array#sort is stable.
 */
export function sortByMetric(runs: readonly RunRecord[], key: string, ascending = lowerIsBetter(key)): RunRecord[] {
  const dir = ascending ? 1 : -1;
  return [...runs].sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    if (x === undefined || y === undefined) return (x === undefined ? 1 : 0) - (y === undefined ? 1 : 0);
    return dir * (x - y);
  });
}

/** True for a search trial: a child run its parent train run sums up. */
export function isTrial(run: RunRecord): boolean {
  return run.kind === 'trial';
}

/**
 * Runs by the options, newest first or by a metric: trials hidden unless
 * `all` or `parent` is given, and the limit applied last, so sorting sees
 * every match and hidden trials do not use up the limit.
 */
export async function listRuns(meta: MetadataStore, o: ListRunsOptions = {}): Promise<RunRecord[]> {
  const q: RunQuery = { experiment: o.experiment, status: o.status, parent: o.parent };
  const showTrials = o.all === true || o.parent !== undefined;
  let runs = await meta.listRuns(showTrials && o.sort === undefined ? { ...q, limit: o.limit } : q);
  if (!showTrials) runs = runs.filter((r) => !isTrial(r));
  if (o.sort !== undefined) runs = sortByMetric(runs, o.sort, o.ascending ?? lowerIsBetter(o.sort));
  return o.limit === undefined ? runs : runs.slice(0, o.limit);
}

/**
 * The metric a run was ranked by and its value: a train run's own
 * `metric` param (on test rows), a trial's parent's metric on its
 * validation rows. `parentMetric` gives the parent's metric for trials.
 */
export function primaryMetric(run: RunRecord, parentMetric?: string): { key: string; value: number | null } | null {
  const name = typeof run.params.metric === 'string' ? run.params.metric : parentMetric;
  if (name === undefined) return null;
  const key = metricKeyOf(run, name);
  if (key === undefined) return null;
  return { key, value: metricOf(run, key) ?? null };
}
