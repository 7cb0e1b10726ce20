import type { ColumnSchema, LogicalType, Progress } from '../core/index.js';
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
    described = await engine.describe(opened.relation);
  } catch (e) {
    throw readerError(e, label);
  }
  checkColumns(opened.rawColumns ?? described.map((d) => d.name), described, label);
  const select = described.map((c) => `${snapshotExpr(quoteIdent(c.name), c.type)} AS ${quoteIdent(c.name)}`).join(', ');
  const timer = setInterval(() => {
    const p = engine.progress();
    if (p >= 0) progress.update({ fraction: p / 100, bytes: opened.totalBytes ? Math.round((opened.totalBytes * p) / 100) : undefined });
  }, 250);
  try {
    await engine.run(`COPY (SELECT ${select} FROM ${opened.relation}) TO ${quoteLiteral(out)} (FORMAT parquet)`);
  } catch (e) {
    throw readerError(e, label);
  } finally {
    clearInterval(timer);
  }
  return describeSnapshot(engine, out, described);
}

async function describeSnapshot(
  engine: DuckDBEngine,
  path: string,
  described: { name: string; type: string }[],
): Promise<SnapshotInfo> {
  const snap = await engine.describe(`read_parquet(${quoteLiteral(path)})`);
  const aggs = ['count(*) AS n'];
  snap.forEach((c, i) => {
    const q = quoteIdent(c.name);
    aggs.push(`count(${q}) AS c${i}`);
    if (logicalTypeOf(c.type) === 'categorical') {
      aggs.push(`approx_count_distinct(${q}) AS d${i}`, `avg(length(${q})) AS l${i}`);
    }
  });
  const [stats] = await engine.rows<Record<string, number | bigint | null>>(
    `SELECT ${aggs.join(', ')} FROM read_parquet(${quoteLiteral(path)})`,
  );
  const rows = Number(stats.n);
  const columns = snap.map((c, i): ColumnSchema => {
    let type: LogicalType = logicalTypeOf(c.type);
    if (type === 'categorical') {
      const distinct = Number(stats[`d${i}`] ?? 0);
      const meanLen = Number(stats[`l${i}`] ?? 0);
      if (meanLen > TEXT_MEAN_LENGTH || (distinct > TEXT_DISTINCT && distinct > 0.2 * rows)) type = 'text';
    }
    if (logicalTypeOf(described[i]?.type ?? c.type) === 'text') type = 'text';
    return { name: c.name, type, nullable: Number(stats[`c${i}`]) < rows };
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
