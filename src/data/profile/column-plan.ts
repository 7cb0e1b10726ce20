import type { LogicalType } from '../../core/index.js';
import { type DuckDBEngine, logicalTypeOf, quoteIdent } from '../../engine/index.js';
import { LatheError } from '../../errors.js';

/** A column to profile: its name and, when known, its logical type. */
export interface ProfileColumn {
  name: string;
  type?: LogicalType;
}

/**
 * How one column is read for profiling. `expr` turns the stored value into
 * the form every aggregate works on, and is projected as `alias`:
 * - numeric, integer: DOUBLE, with NaN and ±Infinity as NULL;
 * - datetime: epoch milliseconds as DOUBLE;
 * - categorical, text: VARCHAR;
 * - boolean: BOOLEAN.
 */
export interface ColumnPlan {
  name: string;
  type: LogicalType;
  alias: string;
  expr: string;
}

const FLOATS = new Set(['FLOAT', 'DOUBLE', 'REAL']);

/**
 * Plans the columns of `relation`. A requested type is kept when the stored
 * type can hold it (ingest decides `text` against `categorical` from the
 * data, so the caller knows better there); otherwise the stored type wins,
 * because a profile describes what is in the data, and validation compares it
 * with what was expected.
 */
export async function planColumns(
  engine: DuckDBEngine,
  relation: string,
  columns?: readonly ProfileColumn[],
): Promise<ColumnPlan[]> {
  const described = await engine.describe(relation);
  const wanted: readonly ProfileColumn[] = columns ?? described.map((d) => ({ name: d.name }));
  return wanted.map((c, i) => {
    const d = described.find((x) => x.name === c.name);
    if (!d) {
      throw new LatheError('NOT_FOUND', `column "${c.name}" is not in the data to profile`, {
        hint: `its columns are: ${described.map((x) => x.name).join(', ')}`,
      });
    }
    const stored = logicalTypeOf(d.type);
    const type = c.type && compatible(c.type, stored) ? c.type : stored;
    return { name: c.name, type, alias: `c${i}`, expr: valueExpr(quoteIdent(c.name), type, d.type.toUpperCase()) };
  });
}

function compatible(wanted: LogicalType, stored: LogicalType): boolean {
  const family = (t: LogicalType) => (t === 'integer' || t === 'numeric' ? 'number' : t === 'text' ? 'categorical' : t);
  return family(wanted) === family(stored);
}

function valueExpr(q: string, type: LogicalType, duck: string): string {
  switch (type) {
    case 'numeric':
    case 'integer':
      // A Frame holds missing as NaN and JSON has no infinities, so neither
      // counts as a value; integer storage cannot hold them, so skip the test.
      return FLOATS.has(duck) ? `CASE WHEN isfinite(${q}) THEN CAST(${q} AS DOUBLE) END` : `CAST(${q} AS DOUBLE)`;
    case 'datetime':
      // epoch_ms of a TIMESTAMPTZ is already UTC; a DATE needs a TIMESTAMP first.
      return `CAST(epoch_ms(${duck === 'DATE' ? `CAST(${q} AS TIMESTAMP)` : q}) AS DOUBLE)`;
    case 'boolean':
      return q;
    default:
      return duck === 'VARCHAR' ? q : `CAST(${q} AS VARCHAR)`;
  }
}

/** `SELECT <expr> AS c0, … FROM relation`: the one projection every pass reads. */
export function projection(plans: readonly ColumnPlan[], relation: string): string {
  const list = plans.map((p) => `${p.expr} AS ${p.alias}`).join(', ');
  return `(SELECT ${list || '1 AS __none'} FROM ${relation})`;
}

/** True for the types profiled by their values' frequencies and lengths. */
export function isStringType(t: LogicalType): boolean {
  return t === 'categorical' || t === 'text';
}

/** True for the types profiled with a histogram. */
export function isBinnedType(t: LogicalType): boolean {
  return t === 'numeric' || t === 'integer' || t === 'datetime';
}
