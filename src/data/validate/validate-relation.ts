import type { DuckDBEngine } from '../../engine/index.js';
import { type DatasetSchema, type SchemaColumn, RARE_CATEGORY_SHARE } from '../schema/index.js';
import { type ColumnPlan, planColumn } from './column-checks.js';
import { type Anomaly, type SampleValue, type ValidationResult, SAMPLE_SIZE, anomaly, resultOf } from './validation-result.js';

type Row = Record<string, unknown>;

/**
 * Checks the data in `relation` (a table, view or table function) against a
 * schema and reports every anomaly at once: columns missing or new, values
 * of the wrong type, missing values where none or fewer are allowed, values
 * out of range and unexpected categories. Every count and sample comes from
 * one aggregate scan of the data, so a file is read once.
 *
 * @example
 * ```ts
 * const result = await validateRelation(engine, `read_csv('new.csv')`, schema);
 * result.valid; // false when any anomaly is an error
 * ```
 */
export async function validateRelation(engine: DuckDBEngine, relation: string, schema: DatasetSchema): Promise<ValidationResult> {
  const described = await engine.describe(relation);
  const types = new Map(described.map((d) => [d.name, d.type]));
  const plans = schema.columns.filter((c) => types.has(c.name)).map((c) => planColumn(c, types.get(c.name)!));
  const row = await scan(engine, relation, plans);
  const rows = Number(row.n);
  const anomalies: Anomaly[] = [];
  if (rows === 0) anomalies.push(anomaly(null, 'EMPTY_DATASET', 'error', 0, 0, 'the data has zero rows'));
  const byName = new Map(plans.map((p, i) => [p.col.name, i]));
  const dataNames = described.map((d) => d.name);
  for (const col of schema.columns) {
    const i = byName.get(col.name);
    if (i === undefined) anomalies.push(missingColumn(col, rows, dataNames));
    else if (rows > 0) anomalies.push(...columnAnomalies(plans[i], i, row, rows, col.categories_strict ?? schema.categories_strict ?? false));
  }
  const known = new Set(schema.columns.map((c) => c.name));
  for (const name of dataNames) {
    if (known.has(name)) continue;
    anomalies.push(anomaly(name, 'NEW_COLUMN', 'warning', rows, rows, 'the column is not in the schema'));
  }
  return resultOf(rows, anomalies);
}

/** The one scan: the row count, then per column its missing count and per check a count and a sample. */
async function scan(engine: DuckDBEngine, relation: string, plans: ColumnPlan[]): Promise<Row> {
  const aggs = ['count(*) AS n'];
  plans.forEach((p, i) => {
    aggs.push(`count(*) FILTER (WHERE ${p.missing}) AS m${i}`);
    p.checks.forEach((c, j) => {
      // approx_top_k keeps a bounded sketch, so sampling costs no more
      // memory however many values offend; it yields distinct values.
      aggs.push(`count(*) FILTER (WHERE ${c.cond}) AS c${i}_${j}`, `approx_top_k(${c.sample}, ${SAMPLE_SIZE}) FILTER (WHERE ${c.cond}) AS s${i}_${j}`);
    });
  });
  const [row] = await engine.rows<Row>(`SELECT ${aggs.join(', ')} FROM ${relation}`);
  return row;
}

function columnAnomalies(plan: ColumnPlan, i: number, row: Row, rows: number, strictCategories: boolean): Anomaly[] {
  const { col } = plan;
  const out: Anomaly[] = [];
  const missing = Number(row[`m${i}`]);
  const rate = missing / rows;
  if (!col.nullable && missing > 0) {
    out.push(anomaly(col.name, 'NULLS_NOT_ALLOWED', 'error', missing, rows, `${missing} missing value${missing === 1 ? '' : 's'} in a column that is not nullable`));
  } else if (rate > col.max_missing_rate) {
    // When nulls are not allowed at all, the rate adds nothing: that anomaly
    // already counts the same rows.
    const msg = `${pct(rate)} missing, more than the ${pct(col.max_missing_rate)} allowed`;
    out.push(anomaly(col.name, 'MISSING_RATE_TOO_HIGH', 'error', missing, rows, msg));
  }
  plan.checks.forEach((c, j) => {
    const count = Number(row[`c${i}_${j}`]);
    if (count === 0) return;
    const raw = (row[`s${i}_${j}`] as unknown[] | null) ?? [];
    const sample: SampleValue[] = raw.filter((v) => v !== null).map((v) => c.decode(v));
    // A category in under 1% of rows is likely one the schema's sample missed: reported, not failed.
    const rare = c.reason === 'UNEXPECTED_CATEGORY' && !strictCategories && count / rows < RARE_CATEGORY_SHARE;
    const message = rare ? `${c.message} (under ${RARE_CATEGORY_SHARE * 100}% of rows: a warning; categories_strict: true makes it an error)` : c.message;
    out.push(anomaly(col.name, c.reason, rare ? 'warning' : 'error', count, rows, message, sample));
  });
  return out;
}

/** A schema column absent from the data: an error when required, else a warning. */
function missingColumn(col: SchemaColumn, rows: number, dataNames: string[]): Anomaly {
  const near = dataNames.find((n) => n.toLowerCase() === col.name.toLowerCase());
  const hint = near ? ` (the data has "${near}": names are case-sensitive)` : '';
  const what = col.required ? 'a required column is not in the data' : 'an optional column is not in the data';
  return anomaly(col.name, 'MISSING_COLUMN', col.required ? 'error' : 'warning', rows, rows, `${what}${hint}`);
}

function pct(rate: number): string {
  return `${Math.round(rate * 10000) / 100}%`;
}
