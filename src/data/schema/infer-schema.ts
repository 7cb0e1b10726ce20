import { type LogicalType } from '../../core/index.js';
import { type DuckDBEngine, logicalTypeOf, quoteIdent } from '../../engine/index.js';
import { LatheError } from '../../errors.js';
import { isoOf, missingSql, numberSql, textSql } from './column-sql.js';
import { type DatasetSchema, type SchemaColumn, MAX_CATEGORIES, RANGE_MARGIN, SCHEMA_VERSION, takesRange } from './dataset-schema.js';

/** A column as the caller knows it; its logical type overrides the one read from DuckDB. */
export interface KnownColumn {
  name: string;
  type: LogicalType;
}

/** A column being inferred: what SQL needs to know about it. */
interface Target {
  name: string;
  q: string;
  duck: string;
  type: LogicalType;
}

type Row = Record<string, number | bigint | null | unknown[]>;

/**
 * Infers a schema from the data in `relation`: every column required, its
 * type, nullable when it has missing values, a missing-rate allowance a
 * little above the observed rate, the observed min and max widened by
 * {@link RANGE_MARGIN} as its range (numeric, integer, datetime; see
 * {@link widenRange}) and the observed values as its categories
 * (categorical with at most {@link MAX_CATEGORIES} distinct values). Two
 * scans: one for every statistic, one to list the categories.
 *
 * @param columns logical types already decided (a dataset version's
 *   columns, where `text` and `categorical` are told apart); omitted
 *   columns take the type their DuckDB type maps to.
 * @throws LatheError BAD_INPUT when the relation has no rows.
 *
 * @example
 * ```ts
 * const schema = await withDataset(home, rec, (engine) => inferSchema(engine, 'data', rec.columns));
 * ```
 */
export async function inferSchema(
  engine: DuckDBEngine,
  relation: string,
  columns: readonly KnownColumn[] = [],
): Promise<DatasetSchema> {
  const known = new Map(columns.map((c) => [c.name, c.type]));
  const targets: Target[] = (await engine.describe(relation)).map((d) => ({
    name: d.name,
    q: quoteIdent(d.name),
    duck: d.type,
    type: known.get(d.name) ?? logicalTypeOf(d.type),
  }));
  const stats = await firstPass(engine, relation, targets);
  const rows = Number(stats.n);
  if (rows === 0) {
    throw new LatheError('BAD_INPUT', 'cannot infer a schema from data with zero rows', {
      hint: 'infer the schema from a dataset version that has rows',
    });
  }
  const categories = await listCategories(engine, relation, targets, stats);
  return {
    version: SCHEMA_VERSION,
    columns: targets.map((t, i) => toColumn(t, i, rows, stats, categories.get(i))),
  };
}

/** Missing counts, min and max, and approximate distinct counts, in one scan. */
async function firstPass(engine: DuckDBEngine, relation: string, targets: Target[]): Promise<Row> {
  const aggs = ['count(*) AS n'];
  targets.forEach((t, i) => {
    const missing = missingSql(t.q, t.duck);
    aggs.push(`count(*) FILTER (WHERE ${missing}) AS m${i}`);
    if (takesRange(t.type)) {
      const v = numberSql(t.q, t.type);
      aggs.push(`min(${v}) FILTER (WHERE NOT ${missing}) AS lo${i}`, `max(${v}) FILTER (WHERE NOT ${missing}) AS hi${i}`);
    } else if (t.type === 'categorical') {
      aggs.push(`approx_count_distinct(${textSql(t.q)}) AS d${i}`);
    }
  });
  const [row] = await engine.rows<Row>(`SELECT ${aggs.join(', ')} FROM ${relation}`);
  return row;
}

/**
 * The sorted distinct values of every categorical column that looked small
 * enough, in one scan. The approximate count can be a few percent off, so
 * columns a little over the limit are listed too and then checked exactly.
 */
async function listCategories(
  engine: DuckDBEngine,
  relation: string,
  targets: Target[],
  stats: Row,
): Promise<Map<number, string[]>> {
  const aggs: string[] = [];
  const which: number[] = [];
  targets.forEach((t, i) => {
    if (t.type !== 'categorical' || Number(stats[`d${i}`]) > MAX_CATEGORIES * 1.1) return;
    const s = textSql(t.q);
    aggs.push(`list(DISTINCT ${s} ORDER BY ${s}) FILTER (WHERE ${s} IS NOT NULL) AS k${i}`);
    which.push(i);
  });
  const out = new Map<number, string[]>();
  if (aggs.length === 0) return out;
  const [row] = await engine.rows<Record<string, string[] | null>>(`SELECT ${aggs.join(', ')} FROM ${relation}`);
  for (const i of which) {
    const values = row[`k${i}`] ?? [];
    if (values.length <= MAX_CATEGORIES) out.set(i, values);
  }
  return out;
}

function toColumn(t: Target, i: number, rows: number, stats: Row, categories: string[] | undefined): SchemaColumn {
  const missing = Number(stats[`m${i}`]);
  const col: SchemaColumn = {
    name: t.name,
    type: t.type,
    nullable: missing > 0,
    required: true,
    max_missing_rate: allowance(missing / rows),
  };
  const lo = stats[`lo${i}`];
  const hi = stats[`hi${i}`];
  if (takesRange(t.type) && lo != null && hi != null) {
    const [min, max] = widenRange(Number(lo), Number(hi), t.type);
    col.range = t.type === 'datetime' ? { min: isoOf(min), max: isoOf(max) } : { min, max };
  }
  if (categories) col.categories = categories;
  return col;
}

/**
 * An observed range widened by {@link RANGE_MARGIN} of its span on each
 * side, so another sample of the same data (a test split) passes, while a
 * value far outside still fails. A constant column (span 0) is widened by
 * the margin of its value instead. Integers are rounded outward to whole
 * numbers, datetimes to whole seconds. A column never seen below 0 keeps 0
 * as its min: counts, amounts and durations cannot go negative, and a
 * negative value there is a real error.
 */
export function widenRange(lo: number, hi: number, type: 'numeric' | 'integer' | 'datetime' | string): [number, number] {
  const span = hi - lo;
  const margin = (span > 0 ? span : Math.abs(lo)) * RANGE_MARGIN;
  let min = lo - margin;
  let max = hi + margin;
  if (type !== 'datetime' && lo >= 0 && min < 0) min = 0;
  if (type === 'integer') [min, max] = [Math.floor(min), Math.ceil(max)];
  if (type === 'datetime') [min, max] = [Math.floor(min / 1000) * 1000, Math.ceil(max / 1000) * 1000];
  // Rounding noise (0.4 + 0.03 = 0.43000000000000005) would make the YAML hard to read;
  // 12 significant digits move a bound by far less than the margin.
  if (type === 'numeric') [min, max] = [Number(min.toPrecision(12)), Number(max.toPrecision(12))];
  return [min, max];
}

/**
 * The missing rate a schema allows: the observed rate plus a tenth, rounded
 * up to 0.001, so the data the schema came from passes and a similar sample
 * will too, while a jump in missing values still fails. Zero stays zero.
 */
export function allowance(rate: number): number {
  if (rate <= 0) return 0;
  return Math.min(1, Math.ceil(rate * 1.1 * 1000) / 1000);
}
