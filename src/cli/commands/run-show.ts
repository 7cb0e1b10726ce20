import type { Command } from 'commander';
import { LatheError } from '../../errors.js';
import type { Home, RunRecord } from '../../store/index.js';
import { datasetOf, formatMetric, formatValue, runDuration } from '../format-run.js';
import { printJson, printTable, println } from '../output.js';
import { globals, withHome } from '../with-home.js';

/** How many ambiguous matches an error lists before it stops. */
const MAX_LISTED = 10;

/**
 * Finds a run by its full id or a unique prefix of it (what `lathe runs`
 * prints). NOT_FOUND when nothing matches, BAD_REF when the prefix is
 * ambiguous, listing the matches.
 */
export async function resolveRunRef(home: Home, ref: string): Promise<RunRecord> {
  const want = ref.trim().toLowerCase();
  if (want === '') throw new LatheError('BAD_REF', 'a run id is empty', { hint: 'run `lathe runs` to list runs and their ids' });
  const exact = await home.meta.getRun(want);
  if (exact) return exact;
  // The store has no prefix lookup; scanning ids is fine at the scale of one home.
  const matches = (await home.meta.listRuns()).filter((r) => r.id.startsWith(want));
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) {
    throw new LatheError('NOT_FOUND', `run "${ref}" does not exist`, { hint: 'run `lathe runs` to list runs and their ids' });
  }
  const listed = matches.slice(0, MAX_LISTED).map((r) => r.id).join(', ');
  const more = matches.length > MAX_LISTED ? ` and ${matches.length - MAX_LISTED} more` : '';
  throw new LatheError('BAD_REF', `run id "${ref}" is ambiguous: it matches ${listed}${more}`, {
    hint: 'give more characters of the id',
  });
}

/** Step-wise metrics as `{key: [[step, value], …]}`, in step order. */
async function stepsOf(home: Home, id: string): Promise<Record<string, [number, number][]>> {
  const out: Record<string, [number, number][]> = {};
  for (const s of await home.meta.getRunSteps(id)) (out[s.key] ??= []).push([s.step, s.value]);
  return out;
}

/** `lathe run show <id>`: everything recorded about one run. */
export function registerRunShow(program: Command): void {
  const run = program.command('run').description('inspect one run');
  run
    .command('show')
    .description('show one run: status, times, dataset, params, metrics, steps, artifacts and provenance')
    .argument('<id>', 'a run id, or a unique prefix of one')
    .action(async (ref: string, _o: unknown, cmd: Command) => {
      const g = globals(cmd);
      const { rec, steps, children } = await withHome(g, async (home) => {
        const rec = await resolveRunRef(home, ref);
        const children = (await home.meta.listRuns({ parent: rec.id })).map((r) => r.id);
        return { rec, steps: await stepsOf(home, rec.id), children };
      });
      if (g.json) return printJson({ ...rec, steps, children });
      printRun(rec, steps, children);
    });
}

function printRun(rec: RunRecord, steps: Record<string, [number, number][]>, children: string[]): void {
  println(`run         ${rec.id}`);
  println(`status      ${rec.status}${rec.error ? `  ${rec.error.code}: ${rec.error.message}` : ''}`);
  println(`experiment  ${rec.experiment}`);
  println(`kind        ${rec.kind}`);
  if (rec.parent) println(`parent      ${rec.parent}`);
  println(`started     ${rec.started}`);
  println(`ended       ${rec.ended ?? '(running)'}`);
  println(`duration    ${runDuration(rec)}`);
  if (rec.dataset) println(`dataset     ${datasetOf(rec)}  ${rec.dataset.hash}`);
  if (rec.split) println(`split       ${formatValue(rec.split)}`);
  if (Object.keys(rec.tags).length > 0) {
    println(`tags        ${Object.entries(rec.tags).map(([k, v]) => `${k}=${v}`).join(', ')}`);
  }
  if (children.length > 0) println(`children    ${children.length} runs (\`lathe runs --parent ${rec.id}\`)`);
  section('params', ['param', 'value'], sortedEntries(rec.params).map(([k, v]) => [k, formatValue(v)]));
  // Full precision: show is where a user reads a metric exactly. NaN is stored as null.
  section('metrics', ['metric', 'value'], sortedEntries(rec.metrics).map(([k, v]) => [k, Number.isFinite(v) ? String(v) : 'NaN']));
  section('steps', ['metric', 'steps', 'last step', 'last value'], Object.entries(steps).map(([k, s]) => {
    const [step, value] = s[s.length - 1];
    return [k, s.length, step, formatMetric(value, 6)];
  }));
  section('artifacts', ['name', 'kind', 'sha256'], rec.artifacts.map((a) => [a.name, a.kind, a.sha256]));
  println();
  println(`lathe ${rec.lathe_version}  git ${rec.git_commit ?? '-'}  host ${rec.host}  pid ${rec.pid}`);
}

function section(title: string, headers: string[], rows: (string | number)[][]): void {
  if (rows.length === 0) return;
  println();
  println(`${title}:`);
  printTable(headers, rows);
}

function sortedEntries<T>(o: Record<string, T>): [string, T][] {
  return Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
