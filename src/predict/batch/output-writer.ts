import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { type DuckDBEngine, quoteIdent, quoteLiteral } from '../../engine/index.js';
import { LatheError } from '../../errors.js';
import { durableRename } from '../../store/index.js';
import type { ScoreSpill } from './score-spill.js';

/** Output formats, by file extension. */
const FORMATS: Record<string, string> = {
  '.parquet': 'FORMAT parquet',
  '.csv': 'FORMAT csv, HEADER true',
  '.ndjson': 'FORMAT json',
  '.jsonl': 'FORMAT json',
};

/** What the model writes per row. */
export interface OutputLayout {
  task: 'classifier' | 'regression' | 'clustering';
  /** Class labels, in the estimator's order (classifiers only). */
  classes: string[];
  /** Whether `proba_<label>` columns are written. */
  proba: boolean;
  /** The target's logical type, which `prediction` is written in; null or absent (older packages): text. */
  labelType?: string | null;
}

const LABEL_SQL_TYPES: Record<string, string> = { integer: 'BIGINT', numeric: 'DOUBLE', boolean: 'BOOLEAN' };

/** The class labels as a SQL list in the target's type, or as text when a label does not read as that type. */
function labelList(layout: OutputLayout): string {
  const sqlType = LABEL_SQL_TYPES[layout.labelType ?? ''];
  const fits = (c: string) => (sqlType === 'BOOLEAN' ? c === 'true' || c === 'false' : c.trim() !== '' && Number.isFinite(Number(c)) && (sqlType === 'DOUBLE' || Number.isSafeInteger(Number(c))));
  if (!sqlType || !layout.classes.every(fits)) return `[${layout.classes.map(quoteLiteral).join(', ')}]`;
  return `[${layout.classes.map((c) => `CAST(${quoteLiteral(c)} AS ${sqlType})`).join(', ')}]`;
}

/** The output's column names after the kept ones. */
export function outputColumns(layout: OutputLayout): string[] {
  if (layout.task === 'clustering') return ['cluster'];
  return ['prediction', ...(layout.proba ? layout.classes.map((c) => `proba_${c}`) : [])];
}

/**
 * Checks `--output` before any work: a known extension, an existing folder,
 * not a folder itself. Returns the absolute path and DuckDB COPY options.
 */
export function checkOutputPath(output: string): { path: string; copyOptions: string } {
  const path = resolve(output);
  const copyOptions = FORMATS[extname(path).toLowerCase()];
  if (!copyOptions) {
    throw new LatheError('BAD_USAGE', `--output ${output}: unknown format "${extname(path) || '(no extension)'}"`, {
      hint: `name a file ending in ${Object.keys(FORMATS).join(', ')}`,
    });
  }
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new LatheError('NOT_FOUND', `the output folder ${dir} does not exist`, { hint: 'create the folder first, or pick an --output path in an existing folder' });
  }
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new LatheError('BAD_USAGE', `--output ${output} is a folder`, { hint: 'name a file, such as predictions.parquet' });
  }
  return { path, copyOptions };
}

/** A temporary name beside `path`, so the final rename stays on one file system and is atomic. */
export function tempBeside(path: string): string {
  return join(dirname(path), `${tempPrefix(path)}${process.pid}-${randomBytes(4).toString('hex')}`);
}

function tempPrefix(path: string): string {
  return `.${basename(path)}.tmp-`;
}

/** Removes temp files beside `path` left by a job that was killed (its process is gone). */
export function sweepTemps(path: string): void {
  const prefix = tempPrefix(path);
  for (const f of readdirSync(dirname(path))) {
    if (!f.startsWith(prefix)) continue;
    const pid = Number(f.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) rmSync(join(dirname(path), f), { force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Writes the output file from the staged scores in one COPY: class indices
 * become labels, NaN becomes null, and kept columns are joined back by
 * position. Both sides are in input order (the staged scores by
 * construction, the input scan because `preserve_insertion_order` is on), so
 * a POSITIONAL JOIN lines them up without a hash table or a sort; each
 * row's position is still compared, and a mismatch fails the COPY rather
 * than writing shifted rows.
 *
 * @param kept The kept columns, and `relation`: the passing input rows in order, with `rowColumn` (0-based position) and those columns.
 */
export async function writeOutput(
  engine: DuckDBEngine,
  spill: ScoreSpill,
  target: { tmp: string; copyOptions: string },
  layout: OutputLayout,
  kept: { columns: readonly string[]; relation: string; rowColumn: string },
): Promise<void> {
  spill.register(engine);
  const scores = `${spill.name}() s`;
  const select = [...kept.columns.map((k) => `i.${quoteIdent(k)}`), ...predictionExprs(layout)].join(', ');
  const aligned = `CASE WHEN i.${kept.rowColumn} = CAST(s.r AS BIGINT) THEN true ELSE error('batch predict: kept columns and scores are misaligned') END`;
  const from = kept.columns.length > 0 ? `${kept.relation} i POSITIONAL JOIN ${scores} WHERE ${aligned}` : scores;
  await engine.run(`COPY (SELECT ${select} FROM ${from}) TO ${quoteLiteral(target.tmp)} (${target.copyOptions})`);
}

/** The SQL for the model's output columns over `stage.scores s`. */
function predictionExprs(layout: OutputLayout): string[] {
  const num = (c: string) => `CASE WHEN isnan(s.${c}) THEN NULL ELSE s.${c} END`;
  const names = outputColumns(layout).map(quoteIdent);
  if (layout.task === 'clustering') return [`CAST(${num('p')} AS INTEGER) AS ${names[0]}`];
  const proba = layout.proba ? layout.classes.map((_, i) => `${num(`q${i}`)} AS ${names[i + 1]}`) : [];
  if (layout.task === 'regression') return [`${num('p')} AS ${names[0]}`, ...proba];
  const labels = labelList(layout);
  return [`CASE WHEN isnan(s.p) THEN NULL ELSE ${labels}[CAST(s.p AS BIGINT) + 1] END AS ${names[0]}`, ...proba];
}

/** Moves a finished temp file to its final name, durably. */
export function publish(tmp: string, path: string): void {
  durableRename(tmp, path);
}

/** Removes temp files of a failed job. */
export function removeQuietly(paths: readonly string[]): void {
  for (const p of paths) rmSync(p, { force: true });
}
