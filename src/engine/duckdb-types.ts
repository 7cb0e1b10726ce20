import type { LogicalType } from '../core/index.js';

const INTEGER_TYPES = new Set([
  'TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT',
  'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT',
]);
const FLOAT_TYPES = new Set(['FLOAT', 'DOUBLE', 'REAL']);
const DATETIME_TYPES = new Set([
  'DATE', 'TIMESTAMP', 'TIMESTAMP WITH TIME ZONE', 'TIMESTAMPTZ',
  'TIMESTAMP_S', 'TIMESTAMP_MS', 'TIMESTAMP_NS',
]);

/**
 * The logical type a DuckDB column type maps to. Strings map to
 * `categorical`; deciding `text` needs the data (see the snapshot step).
 * Types with no Frame form (nested, blobs, intervals) map to `text`.
 */
export function logicalTypeOf(duckType: string): LogicalType {
  const t = duckType.toUpperCase();
  if (t === 'BOOLEAN') return 'boolean';
  if (INTEGER_TYPES.has(t)) return 'integer';
  if (FLOAT_TYPES.has(t) || t.startsWith('DECIMAL')) return 'numeric';
  if (DATETIME_TYPES.has(t)) return 'datetime';
  if (t === 'VARCHAR' || t.startsWith('ENUM')) return 'categorical';
  return 'text';
}

/**
 * The SQL that stores a column in a snapshot: kept as it is when DuckDB and
 * Parquet hold it natively, cast to a plainer type otherwise.
 */
export function snapshotExpr(quoted: string, duckType: string): string {
  const t = duckType.toUpperCase();
  if (t === 'HUGEINT' || t === 'UHUGEINT') return `CAST(${quoted} AS DOUBLE)`;
  if (t.startsWith('ENUM')) return `CAST(${quoted} AS VARCHAR)`;
  if (t === 'TIMESTAMP_S' || t === 'TIMESTAMP_MS' || t === 'TIMESTAMP_NS') return `CAST(${quoted} AS TIMESTAMP)`;
  const lt = logicalTypeOf(t);
  if (lt === 'text' && t !== 'VARCHAR') return `CAST(${quoted} AS VARCHAR)`;
  return quoted;
}
