import type { Command } from 'commander';
import { LatheError } from '../../errors.js';
import type { RunRecord } from '../../store/index.js';
import { formatMetric, formatValue, shortIds } from '../format-run.js';
import { printJson, printTable } from '../output.js';
import { globals, withHome } from '../with-home.js';
import { resolveRunRef } from './run-show.js';

/** The `--json` shape of `lathe runs compare`: values by key, then by run id; absent values are left out. */
export interface RunComparison {
  runs: string[];
  params: Record<string, Record<string, unknown>>;
  metrics: Record<string, Record<string, number>>;
}

/**
 * Params and metrics of several runs side by side, over the union of their
 * keys (sorted), so a key one run lacks still shows.
 */
export function compareRuns(runs: readonly RunRecord[]): RunComparison {
  const side = <T>(pick: (r: RunRecord) => Record<string, T>): Record<string, Record<string, T>> => {
    const keys = [...new Set(runs.flatMap((r) => Object.keys(pick(r))))].sort();
    const out: Record<string, Record<string, T>> = {};
    for (const k of keys) {
      out[k] = {};
      for (const r of runs) if (k in pick(r)) out[k][r.id] = pick(r)[k];
    }
    return out;
  };
  return { runs: runs.map((r) => r.id), params: side((r) => r.params), metrics: side((r) => r.metrics) };
}

/** True when the runs do not all hold the same value (absent counts as a value). */
export function differs(byRun: Record<string, unknown>, ids: readonly string[]): boolean {
  return new Set(ids.map((id) => (id in byRun ? JSON.stringify(byRun[id]) : '\u0000absent'))).size > 1;
}

/** Adds `compare` under the `runs` command: `lathe runs compare <id> <id>…`. */
export function registerRunsCompare(runs: Command): void {
  runs
    .command('compare')
    .description('show the params and metrics of two or more runs side by side; * marks rows that differ')
    .argument('<ids...>', 'two or more run ids, or unique prefixes of them')
    .action(async (refs: string[], _o: unknown, cmd: Command) => {
      const g = globals(cmd);
      if (refs.length < 2) {
        throw new LatheError('BAD_USAGE', `runs compare needs at least 2 run ids, got ${refs.length}`, {
          hint: 'write `lathe runs compare <id> <id>…`; `lathe runs` lists ids',
        });
      }
      const { records, short } = await withHome(g, async (home) => {
        const records: RunRecord[] = [];
        for (const ref of refs) records.push(await resolveRunRef(home, ref));
        const all = (await home.meta.listRuns()).map((r) => r.id);
        return { records, short: shortIds(all, records.map((r) => r.id)) };
      });
      assertDistinct(refs, records);
      const cmp = compareRuns(records);
      if (g.json) return printJson(cmp);
      printComparison(cmp, short);
    });
}

/** Two refs naming one run would collapse into one column (and one JSON key). */
function assertDistinct(refs: readonly string[], records: readonly RunRecord[]): void {
  const seen = new Map<string, string>();
  records.forEach((r, i) => {
    const before = seen.get(r.id);
    if (before !== undefined) {
      throw new LatheError('BAD_USAGE', `"${before}" and "${refs[i]}" are the same run ${r.id}`, { hint: 'give each run once' });
    }
    seen.set(r.id, refs[i]);
  });
}

function printComparison(cmp: RunComparison, short: Map<string, string>): void {
  const ids = cmp.runs;
  const rows: string[][] = [];
  const add = (kind: string, table: Record<string, Record<string, unknown>>, show: (v: unknown) => string) => {
    for (const [key, byRun] of Object.entries(table)) {
      rows.push([differs(byRun, ids) ? '*' : '', kind, key, ...ids.map((id) => (id in byRun ? show(byRun[id]) : ''))]);
    }
  };
  add('param', cmp.params, formatValue);
  // 6 digits: enough to see why a row is marked, yet narrow enough for several columns.
  add('metric', cmp.metrics, (v) => formatMetric(v as number | null, 6));
  printTable(['', 'kind', 'key', ...ids.map((id) => short.get(id) ?? id)], rows);
}
