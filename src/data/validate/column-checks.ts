import type { LogicalType } from '../../core/index.js';
import { logicalTypeOf, quoteIdent, quoteLiteral } from '../../engine/index.js';
import { type SchemaColumn, boundValue, isoOf, missingSql, numberSql, textSql } from '../schema/index.js';
import type { AnomalyReason, SampleValue } from './validation-result.js';

/** A value check run as one filtered count (and sample) in the aggregate scan. */
export interface ValueCheck {
  reason: Extract<AnomalyReason, 'TYPE_MISMATCH' | 'OUT_OF_RANGE' | 'UNEXPECTED_CATEGORY'>;
  /** SQL true for an offending row. */
  cond: string;
  /** SQL of the value to sample from offending rows. */
  sample: string;
  /** Turns a sampled value into its report form. */
  decode(v: unknown): SampleValue;
  message: string;
}

/** Everything the scan checks for one schema column found in the data. */
export interface ColumnPlan {
  col: SchemaColumn;
  /** SQL true for a missing value. */
  missing: string;
  checks: ValueCheck[];
}

const STRINGS = new Set<LogicalType>(['categorical', 'text']);
/** How a string is read as each non-string type, when it has to be. */
const CAST_TO: Partial<Record<LogicalType, string>> = {
  numeric: 'DOUBLE',
  integer: 'DOUBLE',
  boolean: 'BOOLEAN',
  datetime: 'TIMESTAMP',
};

/**
 * How data of one type meets a schema type. `same`: the values are of the
 * schema's type. `cast`: some values may be, so each is tried (strings read
 * as numbers, dates or booleans, as a CSV column with one stray word is;
 * numbers checked for being whole). `incompatible`: no value can be.
 */
export function compatibility(schema: LogicalType, data: LogicalType): 'same' | 'cast' | 'incompatible' {
  if (schema === data || (STRINGS.has(schema) && STRINGS.has(data))) return 'same';
  if (schema === 'numeric' && data === 'integer') return 'same';
  if (schema === 'integer' && data === 'numeric') return 'cast';
  if (STRINGS.has(data) && CAST_TO[schema]) return 'cast';
  return 'incompatible';
}

/** Plans the checks of a schema column against a data column of DuckDB type `duck`. */
export function planColumn(col: SchemaColumn, duck: string): ColumnPlan {
  const q = quoteIdent(col.name);
  const data = logicalTypeOf(duck);
  const missing = missingSql(q, duck);
  const kind = compatibility(col.type, data);
  const found = `${data} (${duck})`;
  if (kind === 'incompatible') {
    const mismatch: ValueCheck = {
      reason: 'TYPE_MISMATCH',
      cond: `NOT ${missing}`,
      sample: textSql(q),
      decode: String,
      message: `expected ${col.type}, found ${found}`,
    };
    return { col, missing, checks: [mismatch] };
  }
  const checks: ValueCheck[] = [];
  let value = q;
  if (kind === 'cast') {
    const fromText = STRINGS.has(data);
    const typed = fromText ? `TRY_CAST(${textSql(q)} AS ${CAST_TO[col.type]})` : `CAST(${q} AS DOUBLE)`;
    const notWhole = col.type === 'integer' ? ` OR ${typed} <> trunc(${typed})` : '';
    checks.push({
      reason: 'TYPE_MISMATCH',
      cond: `NOT ${missing} AND (${typed} IS NULL${notWhole})`,
      sample: fromText ? textSql(q) : typed,
      decode: (v) => (fromText ? String(v) : Number(v)),
      message: `expected ${col.type}, found ${col.type === 'integer' && !fromText ? 'values that are not whole numbers' : `values that are not ${col.type}`} in ${found}`,
    });
    value = typed;
  }
  const range = rangeCheck(col, value);
  if (range) checks.push(range);
  const cats = categoryCheck(col, q);
  if (cats) checks.push(cats);
  return { col, missing, checks };
}

/** Values below `range.min` or above `range.max`; missing values are never out of range. */
function rangeCheck(col: SchemaColumn, value: string): ValueCheck | null {
  const lo = boundValue(col.range?.min);
  const hi = boundValue(col.range?.max);
  if (!col.range || (col.type !== 'numeric' && col.type !== 'integer' && col.type !== 'datetime')) return null;
  if (lo === undefined && hi === undefined) return null;
  const v = numberSql(value, col.type);
  const outside = [lo !== undefined ? `${v} < ${sqlNumber(lo)}` : '', hi !== undefined ? `${v} > ${sqlNumber(hi)}` : '']
    .filter(Boolean)
    .join(' OR ');
  const shown = `[${col.range.min ?? '-∞'}, ${col.range.max ?? '∞'}]`;
  return {
    reason: 'OUT_OF_RANGE',
    // NaN sorts above every number in DuckDB, so it is excluded explicitly.
    cond: `${v} IS NOT NULL AND NOT isnan(${v}) AND (${outside})`,
    sample: v,
    decode: (x) => (col.type === 'datetime' ? isoOf(Number(x)) : Number(x)),
    message: `values outside ${shown}`,
  };
}

/** Values not in `categories`; missing values are not categories. */
function categoryCheck(col: SchemaColumn, q: string): ValueCheck | null {
  if (col.type !== 'categorical' || !col.categories) return null;
  const s = textSql(q);
  const notIn = col.categories.length > 0 ? ` AND ${s} NOT IN (${col.categories.map(quoteLiteral).join(', ')})` : '';
  return {
    reason: 'UNEXPECTED_CATEGORY',
    cond: `${s} IS NOT NULL${notIn}`,
    sample: s,
    decode: String,
    message: `values not among the ${col.categories.length} allowed categories`,
  };
}

/** A finite or infinite number as a DuckDB DOUBLE literal. */
function sqlNumber(x: number): string {
  if (x === Infinity) return `'infinity'::DOUBLE`;
  if (x === -Infinity) return `'-infinity'::DOUBLE`;
  return `${x}::DOUBLE`;
}
