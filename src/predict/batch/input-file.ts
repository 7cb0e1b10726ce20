import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Progress } from '../../core/index.js';
import { type DuckDBEngine, quoteIdent, quoteLiteral, snapshotExpr } from '../../engine/index.js';
import { LatheError, isLatheError } from '../../errors.js';
import { resolveDataset, resolveSource, type OpenedSource } from '../../ingest/index.js';
import type { Home } from '../../store/index.js';
import type { InputColumn } from './input-plan.js';

/** The input, as one local Parquet file whose row groups are small enough to read chunk by chunk. */
export interface InputFile {
  /** What the user named: a path, URL or `dataset@N`. */
  label: string;
  /** The Parquet file chunks are read from, by `file_row_number`. */
  path: string;
  rows: number;
}

/** An input opened but not yet turned into an {@link InputFile}. */
export interface OpenedInput {
  label: string;
  columns: InputColumn[];
  /** Writes the needed columns to a Parquet file, or returns the input's own file when it can be read as it is. */
  toFile(needed: readonly string[]): Promise<InputFile>;
  close(): Promise<void>;
}

/** A Parquet file whose row groups are larger than this many chunks is rewritten, so a chunk never decodes a huge group. */
const MAX_GROUP_CHUNKS = 8;

/**
 * Opens `--input`: a URL or an existing local path (or glob) is read as a
 * source, anything else as a dataset ref (`name` or `name@N`). Nothing is
 * stored in the home. Dataset snapshots and single Parquet files are read in
 * place; every other source is copied once into a Parquet file in `staging`,
 * in bounded memory, so chunks can be read by row number instead of with
 * OFFSET (which rescans everything before the chunk).
 */
export async function openInput(
  home: Home,
  engine: DuckDBEngine,
  staging: string,
  input: string,
  chunkRows: number,
  progress: Progress,
): Promise<OpenedInput> {
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(input);
  if (isUrl || /[*?[]/.test(input) || existsSync(resolve(input))) {
    const source = resolveSource(input, {});
    try {
      const opened = await source.open({ engine, stagingDir: staging, progress });
      const columns = opened.columns ?? (await engine.describe(opened.relation));
      return {
        label: source.describe().location,
        columns,
        toFile: (needed) => sourceFile(engine, opened, columns, needed, join(staging, 'input.parquet'), chunkRows, input),
        close: async () => source.close?.(),
      };
    } catch (e) {
      await source.close?.();
      throw e;
    }
  }
  const rec = await resolveDataset(home, input).catch((e: unknown) => {
    if (!isLatheError(e, 'NOT_FOUND') && !isLatheError(e, 'BAD_NAME')) throw e;
    throw new LatheError('NOT_FOUND', `--input "${input}" is neither a file nor a dataset`, {
      hint: 'pass a path, glob or URL, or a dataset ref from `lathe datasets` (name or name@N)',
      cause: e,
    });
  });
  const path = await home.artifacts.localPath(rec.artifact);
  const label = `${rec.name}@${rec.version}`;
  const columns = await engine.describe(`read_parquet(${quoteLiteral(path)})`);
  const opened: OpenedSource = { relation: `read_parquet(${quoteLiteral(path)})`, passthrough: path, columns };
  return {
    label,
    columns,
    toFile: (needed) => sourceFile(engine, opened, columns, needed, join(staging, 'input.parquet'), chunkRows, label),
    close: async () => {},
  };
}

async function sourceFile(
  engine: DuckDBEngine,
  opened: OpenedSource,
  columns: readonly InputColumn[],
  needed: readonly string[],
  out: string,
  chunkRows: number,
  label: string,
): Promise<InputFile> {
  if (opened.passthrough && (await largestGroup(engine, opened.passthrough)) <= MAX_GROUP_CHUNKS * chunkRows) {
    return { label, path: opened.passthrough, rows: await countRows(engine, opened.passthrough) };
  }
  const types = new Map(columns.map((c) => [c.name, c.type]));
  const select = needed.length === 0 ? '1 AS __lathe_none' : needed.map((n) => `${snapshotExpr(quoteIdent(n), types.get(n) ?? 'VARCHAR')} AS ${quoteIdent(n)}`).join(', ');
  try {
    await engine.run(`COPY (SELECT ${select} FROM ${opened.relation}) TO ${quoteLiteral(out)} (FORMAT parquet, ROW_GROUP_SIZE ${chunkRows})`);
  } catch (e) {
    throw new LatheError('PARSE_ERROR', `${label}: ${firstLine(e)}`, { hint: 'check that the input reads with `lathe ingest`', cause: e });
  }
  return { label, path: out, rows: await countRows(engine, out) };
}

async function largestGroup(engine: DuckDBEngine, path: string): Promise<number> {
  const [r] = await engine.rows<{ n: bigint | null }>(`SELECT max(row_group_num_rows) AS n FROM parquet_metadata(${quoteLiteral(path)})`);
  return Number(r?.n ?? 0);
}

async function countRows(engine: DuckDBEngine, path: string): Promise<number> {
  const [r] = await engine.rows<{ n: bigint }>(`SELECT count(*) AS n FROM read_parquet(${quoteLiteral(path)})`);
  return Number(r.n);
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
