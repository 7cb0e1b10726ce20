import { type LogicalType } from '../../core/index.js';

const FLOAT_TYPES = new Set(['FLOAT', 'DOUBLE', 'REAL']);

/**
 * SQL that is true when a value is missing: NULL, and also NaN for floating
 * columns, because a Frame stores missing numbers as NaN and a schema must
 * mean the same thing in SQL and in memory.
 */
export function missingSql(q: string, duckType: string): string {
  return FLOAT_TYPES.has(duckType.toUpperCase()) ? `(${q} IS NULL OR isnan(${q}))` : `(${q} IS NULL)`;
}

/**
 * A DOUBLE for a value of a numeric, integer or datetime column held in its
 * native DuckDB type: the number itself, or epoch ms for a date or
 * timestamp. `epoch_ms` is applied to TIMESTAMPTZ directly: a cast to
 * TIMESTAMP would shift it by the machine's time zone.
 */
export function numberSql(q: string, type: LogicalType): string {
  return type === 'datetime' ? `CAST(epoch_ms(${q}) AS DOUBLE)` : `CAST(${q} AS DOUBLE)`;
}

/** A value as text, for category comparisons and samples. */
export function textSql(q: string): string {
  return `CAST(${q} AS VARCHAR)`;
}

/** Epoch ms as an ISO 8601 string in UTC; a number that is not a valid date stays a number. */
export function isoOf(ms: number): string | number {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? ms : d.toISOString();
}
