import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { LatheError } from '../errors.js';
import { quoteLiteral } from '../engine/index.js';
import type { SourceDescription } from '../store/index.js';
import { openCsv } from './csv-reader.js';
import { readerError } from './duckdb-errors.js';
import { excelError, type FileFormat, looksLikeExcel, resolveFormat } from './formats.js';
import { readHeadBytes } from './inflate-guard.js';
import { assertJsonDepth } from './json-depth.js';
import type { IngestOptions, LoadContext, OpenedSource, Source } from './source.js';

/**
 * Opens local files of one format as a relation. CSV, TSV, JSON, NDJSON and
 * Parquet are read by DuckDB's own streaming readers (gzip included); Arrow
 * IPC is copied in batch by batch.
 */
export async function openFile(
  paths: string[],
  format: FileFormat,
  opts: IngestOptions,
  ctx: LoadContext,
  label: string,
): Promise<OpenedSource> {
  const totalBytes = paths.reduce((s, p) => s + statSync(p).size, 0);
  if (totalBytes === 0) {
    throw new LatheError('EMPTY_SOURCE', `${label}: the file is empty`, { hint: 'ingest a file that has data' });
  }
  const list = `[${paths.map(quoteLiteral).join(', ')}]`;
  const name = (p: string) => (paths.length === 1 ? label : p);
  if (format !== 'parquet' && format !== 'arrow') {
    // A workbook saved under a text extension would otherwise fail as bad CSV or JSON.
    for (const p of paths) if (looksLikeExcel(await readHeadBytes(p, 4096))) throw excelError(name(p));
  }
  if (format === 'json' || format === 'ndjson') {
    // DuckDB's JSON reader overflows the native stack on deep nesting; bound it first.
    for (const p of paths) await assertJsonDepth(p, name(p));
  }
  let opened: OpenedSource;
  switch (format) {
    case 'csv':
      opened = await openCsv(paths, opts, ctx, label);
      break;
    case 'tsv':
      opened = await openCsv(paths, opts, ctx, label, '\t');
      break;
    case 'parquet':
      opened = { relation: `read_parquet(${list})`, passthrough: paths.length === 1 ? paths[0] : undefined };
      break;
    case 'json':
      opened = { relation: `read_json(${list}, format='auto')` };
      break;
    case 'ndjson':
      opened = {
        relation: `read_json(${list}, format='newline_delimited'${opts.onError === 'skip' ? ', ignore_errors=true' : ''})`,
      };
      break;
    case 'arrow':
      // apache-arrow is only loaded when an Arrow file is read.
      opened = await (await import('./sources/arrow-file.js')).openArrowFile(paths, ctx, label);
      break;
  }
  if (!opened.columns) {
    try {
      opened.columns = await ctx.engine.describe(opened.relation);
    } catch (e) {
      throw readerError(e, label);
    }
  }
  return { ...opened, totalBytes };
}

/** The reader options given, as stored in a source description (none of them is a secret). */
export function readerOptions(opts: IngestOptions, extra: readonly (keyof IngestOptions)[] = []): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const k of ['delimiter', 'header', 'quote', 'escape', 'encoding', 'decimal', 'types', 'onError', ...extra] as const) {
    if (opts[k] !== undefined) options[k] = opts[k];
  }
  return options;
}

/** Expands a path or glob into a sorted list of existing files. */
export async function expandPaths(pattern: string, ctx: LoadContext): Promise<string[]> {
  const abs = resolve(pattern);
  if (!/[*?[]/.test(pattern)) {
    if (!existsSync(abs)) {
      throw new LatheError('NOT_FOUND', `${abs}: no such file`, { hint: 'check the path; globs such as data/*.csv are allowed' });
    }
    if (statSync(abs).isDirectory()) {
      throw new LatheError('BAD_INPUT', `${abs} is a directory`, { hint: 'name a file, or a glob such as dir/*.parquet' });
    }
    return [abs];
  }
  const rows = await ctx.engine.rows<{ file: string }>(`SELECT file FROM glob(${quoteLiteral(abs)}) ORDER BY file`);
  if (rows.length === 0) {
    throw new LatheError('NOT_FOUND', `${abs}: the glob matches no file`, { hint: 'check the pattern and the folder' });
  }
  return rows.map((r) => r.file);
}

/** A local file or glob of files. */
export class FileSource implements Source {
  readonly kind = 'file';
  private readonly location: string;
  private format: FileFormat | undefined;

  constructor(location: string, private readonly opts: IngestOptions) {
    this.location = resolve(location.replace(/^file:\/\//, ''));
  }

  describe(): SourceDescription {
    return { kind: 'file', location: this.location, format: this.format, options: readerOptions(this.opts) };
  }

  async open(ctx: LoadContext): Promise<OpenedSource> {
    const format = resolveFormat(this.location, this.opts.format, this.location);
    const paths = await expandPaths(this.location, ctx);
    this.format = format;
    return openFile(paths, format, this.opts, ctx, paths.length === 1 ? paths[0] : this.location);
  }
}
