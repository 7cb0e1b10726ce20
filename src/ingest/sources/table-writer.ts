import {
  BIGINT,
  BOOLEAN,
  DATE,
  DOUBLE,
  DuckDBDataChunk,
  DuckDBDateValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  TIMESTAMP,
  TIMESTAMPTZ,
  UBIGINT,
  VARCHAR,
  type DuckDBAppender,
  type DuckDBType,
  type DuckDBValue,
  DuckDBVector,
} from '@duckdb/node-api';
import type { DuckDBEngine } from '../../engine/index.js';
import { quoteIdent } from '../../engine/index.js';

/** The DuckDB column types rows from drivers are copied into. */
export type ColumnKind = 'BIGINT' | 'UBIGINT' | 'DOUBLE' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP' | 'TIMESTAMPTZ' | 'VARCHAR';

/**
 * A value ready for its column: `bigint` for BIGINT/UBIGINT, `number` for
 * DOUBLE, `boolean`, `number` of days since 1970-01-01 for DATE, `bigint`
 * microseconds since 1970-01-01 for TIMESTAMP(TZ), `string` for VARCHAR.
 */
export type Cell = bigint | number | boolean | string | null;

/** A column of a {@link TableWriter}. */
export interface WriterColumn {
  name: string;
  kind: ColumnKind;
}

const DUCK_TYPES: Record<ColumnKind, DuckDBType> = { BIGINT, UBIGINT, DOUBLE, BOOLEAN, DATE, TIMESTAMP, TIMESTAMPTZ, VARCHAR };

/** DuckDB's encoding of DATE `infinity` (days); `-infinity` is its negation. */
export const DATE_INFINITY = 2147483647;
/** DuckDB's encoding of TIMESTAMP `infinity` (microseconds); `-infinity` is its negation. */
export const TIMESTAMP_INFINITY = 9223372036854775807n;

/**
 * Copies rows that arrive in JS (from a database driver or an Arrow reader)
 * into a DuckDB table, one batch at a time. Each batch is cut into chunks of
 * DuckDB's vector size and handed over with `appendDataChunk`, which writes
 * typed arrays in bulk instead of one native call per value.
 */
export class TableWriter {
  /** Rows written so far. */
  rows = 0;
  private constructor(
    private readonly appender: DuckDBAppender,
    private readonly columns: WriterColumn[],
  ) {}

  /**
   * Creates (or replaces) `table` with the given columns and opens an appender
   * on it. Duplicate names (case-insensitive, as DuckDB compares them) get a
   * suffix so the table can exist; callers report the raw names separately.
   */
  static async create(engine: DuckDBEngine, table: string, columns: WriterColumn[]): Promise<TableWriter> {
    const names = uniqueNames(columns.map((c) => c.name));
    const defs = columns.map((c, i) => `${quoteIdent(names[i])} ${c.kind}`).join(', ');
    await engine.run(`CREATE OR REPLACE TABLE ${quoteIdent(table)} (${defs})`);
    return new TableWriter(await engine.conn.createAppender(table), columns);
  }

  /**
   * Appends `rowCount` rows whose values `cell(row, col)` returns, then
   * flushes them to the table, so the caller can drop its batch afterwards.
   */
  write(rowCount: number, cell: (row: number, col: number) => Cell): void {
    const size = DuckDBVector.standardSize();
    const types = this.columns.map((c) => DUCK_TYPES[c.kind]);
    for (let start = 0; start < rowCount; start += size) {
      const n = Math.min(size, rowCount - start);
      const chunk = DuckDBDataChunk.create(types, n);
      for (let c = 0; c < this.columns.length; c++) {
        const vector = chunk.getColumnVector(c);
        const kind = this.columns[c].kind;
        let r = 0;
        try {
          for (; r < n; r++) vector.setItem(r, wrap(kind, cell(start + r, c)));
        } catch (e) {
          const msg = e instanceof Error ? e.message : String(e);
          throw new Error(`column "${this.columns[c].name}", row ${this.rows + start + r + 1}: ${msg}`, { cause: e });
        }
        vector.flush();
      }
      this.appender.appendDataChunk(chunk);
    }
    this.appender.flushSync();
    this.rows += rowCount;
  }

  /** Flushes and closes the appender; safe to call twice. */
  close(): void {
    try {
      this.appender.closeSync();
    } catch {
      // Already closed, or closing after a failed append: nothing left to save.
    }
  }
}

/** Wraps a cell into the value class the column's vector expects. */
function wrap(kind: ColumnKind, v: Cell): DuckDBValue {
  if (v === null) return null;
  switch (kind) {
    case 'DATE':
      return new DuckDBDateValue(v as number);
    case 'TIMESTAMP':
      return new DuckDBTimestampValue(v as bigint);
    case 'TIMESTAMPTZ':
      return new DuckDBTimestampTZValue(v as bigint);
    default:
      return v as DuckDBValue;
  }
}

/** Names made unique case-insensitively (`a`, `A_2`), and empty ones named by position. */
export function uniqueNames(raw: string[]): string[] {
  const seen = new Set<string>();
  return raw.map((name, i) => {
    let n = name === '' ? `column${i + 1}` : name;
    for (let k = 2; seen.has(n.toLowerCase()); k++) n = `${name}_${k}`;
    seen.add(n.toLowerCase());
    return n;
  });
}

/** Days since 1970-01-01 of a proleptic Gregorian date (any year, astronomical numbering). */
export function daysFromCivil(y: number, m: number, d: number): number {
  // Howard Hinnant's algorithm: integer-only, so no Date range or two-digit-year quirks.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const DATE_RE = /^(\d{4,})-(\d\d)-(\d\d)/;
const TIME_RE = /^[ T](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(?:([+-])(\d\d)(?::?(\d\d))?(?::(\d\d))?)?/;

/**
 * Days since the epoch of an ISO date (`2024-01-31`, `0044-03-15 BC`,
 * `infinity`). Returns null for MySQL's zero dates such as `0000-00-00`.
 */
export function parseIsoDate(s: string): number | null {
  if (s === 'infinity') return DATE_INFINITY;
  if (s === '-infinity') return -DATE_INFINITY;
  const m = DATE_RE.exec(s);
  if (!m) throw new Error(`"${s}" is not a date`);
  let y = Number(m[1]);
  if (s.endsWith(' BC')) y = 1 - y;
  const mo = Number(m[2]);
  const d = Number(m[3]);
  // MySQL's zero dates (0000-00-00, 2024-00-00, 2024-01-00) name no day.
  if (mo === 0 || d === 0) return null;
  return daysFromCivil(y, mo, d);
}

/**
 * Microseconds since the epoch of an ISO timestamp, with an optional UTC
 * offset (`2024-01-31 12:00:00.5+02`) that is subtracted so the result is UTC.
 * Without an offset the wall-clock time is kept as it is, never shifted by
 * the local time zone. Returns null for MySQL's zero datetime.
 */
export function parseIsoTimestamp(s: string): bigint | null {
  const fast = fastTimestamp(s);
  if (fast !== undefined) return fast;
  if (s === 'infinity') return TIMESTAMP_INFINITY;
  if (s === '-infinity') return -TIMESTAMP_INFINITY;
  const days = parseIsoDate(s);
  if (days === null) return null;
  const t = TIME_RE.exec(s.slice(s.indexOf('-', 4) + 6));
  let micros = BigInt(days) * 86_400_000_000n;
  if (t) {
    const secs = Number(t[1]) * 3600 + Number(t[2]) * 60 + Number(t[3]);
    micros += BigInt(secs) * 1_000_000n + BigInt((t[4] ?? '').padEnd(6, '0').slice(0, 6) || '0');
    if (t[5]) {
      const off = Number(t[6]) * 3600 + Number(t[7] ?? 0) * 60 + Number(t[8] ?? 0);
      micros -= BigInt(t[5] === '-' ? -off : off) * 1_000_000n;
    }
  }
  return micros;
}

/** Digits of `s` from `i` to `j` as a number, or NaN. */
function digits(s: string, i: number, j: number): number {
  let n = 0;
  for (let k = i; k < j; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/**
 * The common `YYYY-MM-DD HH:MM:SS[.ffffff][±HH[:MM]]` without regexes, as
 * database drivers hand over millions of them; undefined sends anything
 * else (BC, infinity, zero dates, seconds in the offset) to the general path.
 */
function fastTimestamp(s: string): bigint | null | undefined {
  if (s.length < 19 || s.charCodeAt(4) !== 45 || s.charCodeAt(13) !== 58) return undefined;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  const secs = digits(s, 11, 13) * 3600 + digits(s, 14, 16) * 60 + digits(s, 17, 19);
  if (y === 0 || mo === 0 || d === 0 || Number.isNaN(y + mo + d + secs)) return undefined;
  let i = 19;
  let frac = 0;
  if (s.charCodeAt(i) === 46) {
    let scale = 100_000;
    for (i++; i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57; i++) {
      frac += (s.charCodeAt(i) - 48) * scale;
      scale /= 10;
    }
    frac = Math.floor(frac);
  }
  let off = 0;
  if (i < s.length) {
    const sign = s[i] === '+' ? 1 : s[i] === '-' ? -1 : 0;
    const rest = s.slice(i + 1);
    if (sign === 0 || !/^\d\d(:?\d\d)?$/.test(rest)) return undefined;
    off = sign * (digits(rest, 0, 2) * 3600 + (rest.length > 2 ? digits(rest, rest.length - 2, rest.length) * 60 : 0));
  }
  const total = (daysFromCivil(y, mo, d) * 86_400 + secs - off) * 1_000_000 + frac;
  // Beyond 2^53 µs (about year 2255) a double is no longer exact, so BigInt does the sum.
  if (Number.isSafeInteger(total)) return BigInt(total);
  return BigInt(daysFromCivil(y, mo, d) * 86_400 + secs - off) * 1_000_000n + BigInt(frac);
}
