import type { Command } from 'commander';
import { LatheError } from '../../errors.js';
import type { Home, RunRecord, RunStatus } from '../../store/index.js';
import { isTrial, listRuns, metricKeyOf, primaryMetric } from '../../tracking/index.js';
import { clip, datasetOf, formatMetric, formatStarted, runDuration, shortIds } from '../format-run.js';
import { printJson, printTable, println } from '../output.js';
import { globals, withHome } from '../with-home.js';
import { resolveRunRef } from './run-show.js';
import { registerRunsCompare } from './runs-compare.js';

const STATUSES: readonly RunStatus[] = ['RUNNING', 'FINISHED', 'FAILED', 'KILLED'];
/** Metric columns in the table besides the primary one; more would push it past 120 characters. */
const MAX_METRIC_COLUMNS = 2;
/** When runs carry more test metrics than fit, these headline ones win ties. */
const HEADLINE = ['test.roc_auc', 'test.accuracy', 'test.f1', 'test.rmse', 'test.r2', 'test.mae', 'test.silhouette', 'test.log_loss'];

interface RunsOptions {
  experiment?: string;
  sort?: string;
  asc?: boolean;
  desc?: boolean;
  status?: string;
  limit: string;
  parent?: string;
  all?: boolean;
}

/** `lathe runs [--experiment e] [--sort metric] …` and its `compare` subcommand. */
export function registerRuns(program: Command): void {
  const runs = program
    .command('runs')
    .description('list runs, newest first (or by a metric with --sort)')
    .option('--experiment <name>', 'only runs of this experiment')
    .option('--sort <metric>', 'sort by a metric key, e.g. test.roc_auc (losses and errors ascending, others descending)')
    .option('--asc', 'sort ascending, whatever the metric')
    .option('--desc', 'sort descending, whatever the metric')
    .option('--status <status>', `only runs with this status: ${STATUSES.join(', ')}`)
    .option('--limit <n>', 'show at most n runs', '50')
    .option('--parent <id>', "only the child runs of this run (a search's trials)")
    .option('--all', "include search trials (hidden by default: their train run sums them up)")
    .action(async (o: RunsOptions, cmd: Command) => {
      const g = globals(cmd);
      await withHome(g, async (home) => {
        const list = await findRuns(home, o);
        const primary = await primaryMetrics(home, list);
        if (g.json) return printJson({ runs: list.map((r) => ({ ...r, primary_metric: primary.get(r.id) ?? null })) });
        if (list.length === 0) return println(emptyMessage(o));
        // Short ids must be unique among every run in the home, not just those listed.
        const ids = (await home.meta.listRuns()).map((r) => r.id);
        printRunTable(list, shortIds(ids, list.map((r) => r.id)), o.sort, primary);
      });
    });
  registerRunsCompare(runs);
}

/** The runs the options ask for, in display order (filtered, sorted and cut by the tracking layer). */
async function findRuns(home: Home, o: RunsOptions): Promise<RunRecord[]> {
  const limit = parseLimit(o.limit);
  if ((o.asc || o.desc) && !o.sort) throw new LatheError('BAD_USAGE', '--asc and --desc need --sort', { hint: 'add --sort <metric>' });
  if (o.asc && o.desc) throw new LatheError('BAD_USAGE', '--asc and --desc cannot both be given', { hint: 'pick one' });
  const status = o.status !== undefined ? parseStatus(o.status) : undefined;
  const parent = o.parent !== undefined ? (await resolveRunRef(home, o.parent)).id : undefined;
  const list = await listRuns(home.meta, {
    experiment: o.experiment, status, parent, all: o.all, limit,
    sort: o.sort, ascending: o.asc ? true : o.desc ? false : undefined,
  });
  if (o.sort !== undefined && list.length > 0 && !list.some((r) => metricKeyOf(r, o.sort!) !== undefined)) warnUnknownMetric(o.sort, list);
  return list;
}

/** Each listed run's primary metric; a trial takes its parent's metric, on its validation rows. */
async function primaryMetrics(home: Home, runs: readonly RunRecord[]): Promise<Map<string, { key: string; value: number | null }>> {
  const parentMetric = new Map<string, string | undefined>();
  const out = new Map<string, { key: string; value: number | null }>();
  for (const r of runs) {
    let inherited: string | undefined;
    if (isTrial(r) && r.parent) {
      if (!parentMetric.has(r.parent)) {
        const m = (await home.meta.getRun(r.parent))?.params.metric;
        parentMetric.set(r.parent, typeof m === 'string' ? m : undefined);
      }
      inherited = parentMetric.get(r.parent);
    }
    const p = primaryMetric(r, inherited);
    if (p) out.set(r.id, p);
  }
  return out;
}

function parseStatus(text: string): RunStatus {
  const up = text.toUpperCase() as RunStatus;
  if (STATUSES.includes(up)) return up;
  throw new LatheError('BAD_USAGE', `--status: "${text}" is not a run status`, { hint: `use one of: ${STATUSES.join(', ')}` });
}

function parseLimit(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < 1) {
    throw new LatheError('BAD_USAGE', `--limit: "${text}" is not a positive whole number`, { hint: 'write e.g. --limit 20' });
  }
  return n;
}

/**
 * A typo in --sort would otherwise pass silently as an unsorted list. It is a
 * warning, not an error, since a search's first trials have no metrics yet.
 */
function warnUnknownMetric(key: string, runs: readonly RunRecord[]): void {
  const known = [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))].sort();
  const list = known.length > 0 ? `; metrics here: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}` : '';
  process.stderr.write(`warning: no listed run has the metric "${key}"${list}\n`);
}

function emptyMessage(o: RunsOptions): string {
  if (o.experiment !== undefined || o.status !== undefined || o.parent !== undefined || o.all) {
    return 'no runs match these filters: run `lathe runs` to list all runs';
  }
  return 'no runs yet: `lathe train` records one';
}

/**
 * The metric columns: the sort key first, then the `test.*` keys most runs
 * have, headline metrics winning ties.
 */
function metricColumns(runs: readonly RunRecord[], sort: string | undefined): string[] {
  const counts = new Map<string, number>();
  for (const r of runs) {
    for (const k of Object.keys(r.metrics)) if (k.startsWith('test.') && k !== sort) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const rank = (k: string) => (HEADLINE.includes(k) ? HEADLINE.indexOf(k) : HEADLINE.length);
  const keys = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || rank(a) - rank(b) || (a < b ? -1 : 1));
  // A sort key no listed run has (a typo, already warned about) would be an empty column.
  const first = sort !== undefined && runs.some((r) => metricKeyOf(r, sort) !== undefined) ? [sort] : [];
  return [...first, ...keys].slice(0, MAX_METRIC_COLUMNS);
}

function printRunTable(runs: readonly RunRecord[], short: Map<string, string>, sort: string | undefined, primary: Map<string, { key: string; value: number | null }>): void {
  const metrics = metricColumns(runs, sort);
  // `test.` is implied for the table's columns; --json keeps full keys.
  const headers = ['id', 'experiment', 'kind', 'status', 'started', 'duration', 'dataset', 'algo', 'primary', ...metrics.map((k) => k.replace(/^test\./, ''))];
  printTable(headers, runs.map((r) => {
    const p = primary.get(r.id);
    return [
      short.get(r.id) ?? r.id,
      clip(r.experiment, 14),
      clip(r.kind, 6),
      r.status,
      formatStarted(r.started),
      runDuration(r),
      clip(datasetOf(r), 14),
      typeof r.params.algo === 'string' ? clip(r.params.algo, 10) : '',
      p ? `${p.key.replace(/^test\./, '')} ${formatMetric(p.value)}` : '',
      ...metrics.map((k) => {
        const key = metricKeyOf(r, k) ?? k;
        return key in r.metrics ? formatMetric(r.metrics[key]) : '';
      }),
    ];
  }));
}
