import { copyFileSync } from 'node:fs';
import { type ColumnSchema, type LogicalType, type Progress, span } from '../core/index.js';
import { LatheError } from '../errors.js';
import { type DuckDBEngine, logicalTypeOf, quoteIdent, quoteLiteral, snapshotExpr } from '../engine/index.js';
import { readerError } from './duckdb-errors.js';
import type { OpenedSource } from './source.js';

/** A finished snapshot file and what was learnt writing it. */
export interface SnapshotInfo {
  rows: number;
  columns: ColumnSchema[];
}

/** Above this many distinct values, or this mean length, a string column is `text`. */
const TEXT_DISTINCT = 1000;
const TEXT_MEAN_LENGTH = 50;
/** Rows sampled to judge categorical against text. */
const SAMPLE_ROWS = 50_000;

/**
 * Null counts per column, from the Parquet footer when every row group has
 * statistics (free), else by counting.
 */
async function nullCounts(engine: DuckDBEngine, path: string, cols: { name: string }[]): Promise<number[]> {
  const file = quoteLiteral(path);
  const meta = await engine.rows<{ col: bigint | number; nulls: bigint | number | null; missing: bigint | number }>(
    `SELECT column_id AS col, sum(stats_null_count) AS nulls, count(*) - count(stats_null_count) AS missing
     FROM parquet_metadata(${file}) GROUP BY column_id ORDER BY column_id`,
  );
  if (meta.length === cols.length && meta.every((m) => Number(m.missing) === 0)) return meta.map((m) => Number(m.nulls));
  const counts = cols.map((c, i) => `count(*) - count(${quoteIdent(c.name)}) AS c${i}`).join(', ');
  const [r] = await engine.rows<Record<string, bigint | number>>(`SELECT ${counts} FROM read_parquet(${file})`);
  return cols.map((_, i) => Number(r[`c${i}`]));
}

/**
 * Streams a relation into a Parquet file and derives its schema. DuckDB does
 * the copy in parallel and in bounded memory; nothing passes through JS.
 */
export async function writeSnapshot(
  engine: DuckDBEngine,
  opened: OpenedSource,
  out: string,
  label: string,
  progress: Progress,
): Promise<SnapshotInfo> {
  let described: { name: string; type: string }[];
  try {
    described = opened.columns ?? (await engine.describe(opened.relation));
  } catch (e) {
    throw readerError(e, label);
  }
  checkColumns(opened.rawColumns ?? described.map((d) => d.name), described, label);
  const plain = described.every((c) => snapshotExpr(quoteIdent(c.name), c.type) === quoteIdent(c.name));
  if (opened.passthrough && plain) {
    // A Parquet file whose columns need no cast is already a valid snapshot:
    // storing its bytes as they are skips a decode and re-encode of every row.
    copyFileSync(opened.passthrough, out);
    progress.update({ fraction: 1 });
    return describeSnapshot(engine, out, described);
  }
  const select = described.map((c) => `${snapshotExpr(quoteIdent(c.name), c.type)} AS ${quoteIdent(c.name)}`).join(', ');
  const timer = setInterval(() => {
    const p = engine.progress();
    if (p >= 0) progress.update({ fraction: p / 100, totalBytes: opened.totalBytes, bytes: opened.totalBytes ? Math.round((opened.totalBytes * p) / 100) : undefined });
  }, 250);
  try {
    await span('snapshot.copy', () => engine.run(`COPY (SELECT ${select} FROM ${opened.relation}) TO ${quoteLiteral(out)} (FORMAT parquet)`));
  } catch (e) {
    throw readerError(e, label);
  } finally {
    clearInterval(timer);
  }
  return span('snapshot.describe', () => describeSnapshot(engine, out, described));
}

async function describeSnapshot(
  engine: DuckDBEngine,
  path: string,
  described: { name: string; type: string }[],
): Promise<SnapshotInfo> {
  const file = quoteLiteral(path);
  const snap = await engine.describe(`read_parquet(${file})`);
  const rows = Number((await engine.rows<{ n: bigint }>(`SELECT num_rows AS n FROM parquet_file_metadata(${file})`))[0].n);
  const nulls = await nullCounts(engine, path, snap);
  // Whether a string column is categorical or free text is judged on a
  // sample: the decision only matters far from the threshold, and a full
  // distinct count over every string would cost as much as the copy.
  const aggs: string[] = ['count(*) AS n'];
  snap.forEach((c, i) => {
    if (logicalTypeOf(c.type) !== 'categorical') return;
    const q = quoteIdent(c.name);
    aggs.push(`approx_count_distinct(${q}) AS d${i}`, `avg(length(${q})) AS l${i}`);
  });
  const [sample] = aggs.length === 1 ? [{ n: 0 }] : await engine.rows<Record<string, number | bigint | null>>(
    `SELECT ${aggs.join(', ')} FROM (SELECT * FROM read_parquet(${file}) LIMIT ${SAMPLE_ROWS})`,
  );
  const sampled = Number(sample.n);
  const columns = snap.map((c, i): ColumnSchema => {
    let type: LogicalType = logicalTypeOf(c.type);
    if (type === 'categorical') {
      const distinct = Number(sample[`d${i}`] ?? 0);
      const meanLen = Number(sample[`l${i}`] ?? 0);
      if (meanLen > TEXT_MEAN_LENGTH || (distinct > TEXT_DISTINCT && distinct > 0.2 * sampled)) type = 'text';
    }
    if (logicalTypeOf(described[i]?.type ?? c.type) === 'text') type = 'text';
    return { name: c.name, type, nullable: nulls[i] > 0 };
  });
  return { rows, columns };
}

/** Refuses zero columns and duplicate names (DuckDB would silently rename them). */
function checkColumns(raw: string[], described: { name: string; type: string }[], label: string): void {
  const emptyJson = described.length === 1 && described[0].name === 'json' && /^(STRUCT\(\)|JSON|MAP\(VARCHAR, JSON\))$/.test(described[0].type);
  if (described.length === 0 || raw.length === 0 || emptyJson) {
    throw new LatheError('NO_COLUMNS', `${label}: the source has no columns`, {
      hint: 'check the source has a header or records with fields',
    });
  }
  const seen = new Map<string, string>();
  for (const name of raw) {
    const key = name.toLowerCase();
    if (seen.has(key)) {
      throw new LatheError('DUPLICATE_COLUMN', `${label}: column name "${name}" appears more than once`, {
        hint: 'rename the columns so each is unique (names are case-insensitive), e.g. with --query or a header fix',
      });
    }
    seen.set(key, name);
  }
}
