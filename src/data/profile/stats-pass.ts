import type { DuckDBEngine } from '../../engine/index.js';
import type { ColumnPlan } from './column-plan.js';
import { isStringType, projection } from './column-plan.js';
import { type LengthStats, type Quantiles, QUANTILES } from './types.js';

/** What the one aggregate pass learns about a column. */
export interface ColumnStats {
  count: number;
  /** 0 for strings: the top-values pass counts them. */
  distinct: number;
  /** Numbers, or epoch ms for datetimes. */
  min: number | null;
  max: number | null;
  mean: number | null;
  std: number | null;
  quantiles: Quantiles | null;
  zeros: number | null;
  trues: number | null;
  falses: number | null;
  length: LengthStats | null;
}

const PROBS = `[${QUANTILES.map(([, p]) => p).join(', ')}]`;

/**
 * Computes every per-column aggregate in ONE scan: a single SELECT with a
 * handful of aggregates per column over {@link projection}. Distinct counts
 * of numbers and datetimes are exact `count(DISTINCT)` up to 100k rows and
 * HyperLogLog above, where an exact count over millions of unique values
 * measured twenty times slower.
 * Quantiles are exact `quantile_cont` (linear interpolation, pandas' default)
 * up to 100k rows and t-digest `approx_quantile` above, which measured about
 * 2.5× faster than exact on 10M doubles with < 1% rank error.
 */
export async function statsPass(
  engine: DuckDBEngine,
  relation: string,
  plans: readonly ColumnPlan[],
  approximate: boolean,
): Promise<{ rows: number; stats: ColumnStats[] }> {
  const aggs = plans.flatMap((p) => aggregates(p, approximate));
  const sql = `SELECT count(*) AS __rows${aggs.map((a) => `, ${a}`).join('')} FROM ${projection(plans, relation)}`;
  const [row] = await engine.rows<Record<string, unknown>>(sql);
  return { rows: num(row.__rows) ?? 0, stats: plans.map((p) => readStats(row, p)) };
}

function aggregates(p: ColumnPlan, approximate: boolean): string[] {
  const c = p.alias;
  const out = [`count(${c}) AS ${c}_n`];
  // Booleans get their distinct count from the true and false counts, and
  // strings from the top-values pass, whose GROUP BY counts them exactly anyway.
  if (p.type !== 'boolean' && !isStringType(p.type)) {
    out.push(`${approximate ? `approx_count_distinct(${c})` : `count(DISTINCT ${c})`} AS ${c}_d`);
  }
  switch (p.type) {
    case 'numeric':
    case 'integer': {
      const q = approximate ? 'approx_quantile' : 'quantile_cont';
      out.push(`min(${c}) AS ${c}_min`, `max(${c}) AS ${c}_max`, `avg(${c}) AS ${c}_mean`, `stddev_samp(${c}) AS ${c}_std`);
      out.push(`count(*) FILTER (WHERE ${c} = 0) AS ${c}_zeros`, `${q}(${c}, ${PROBS}) AS ${c}_q`);
      break;
    }
    case 'datetime':
      out.push(`min(${c}) AS ${c}_min`, `max(${c}) AS ${c}_max`);
      break;
    case 'boolean':
      out.push(`count(*) FILTER (WHERE ${c}) AS ${c}_t`, `count(*) FILTER (WHERE NOT ${c}) AS ${c}_f`);
      break;
    default:
      out.push(`min(length(${c})) AS ${c}_lmin`, `avg(length(${c})) AS ${c}_lmean`, `max(length(${c})) AS ${c}_lmax`);
  }
  return out;
}

function readStats(row: Record<string, unknown>, p: ColumnPlan): ColumnStats {
  const get = (k: string) => num(row[`${p.alias}_${k}`]);
  const count = get('n') ?? 0;
  const trues = get('t');
  const falses = get('f');
  const distinct = p.type === 'boolean' ? Number((trues ?? 0) > 0) + Number((falses ?? 0) > 0) : (get('d') ?? 0);
  const lmin = get('lmin');
  return {
    count,
    // HyperLogLog can overshoot; more distinct values than present ones is never true.
    distinct: Math.min(distinct, count),
    min: get('min'),
    max: get('max'),
    mean: get('mean'),
    std: get('std'),
    quantiles: readQuantiles(row[`${p.alias}_q`]),
    zeros: get('zeros'),
    trues,
    falses,
    length: lmin === null ? null : { min: lmin, mean: get('lmean') ?? 0, max: get('lmax') ?? 0 },
  };
}

function readQuantiles(v: unknown): Quantiles | null {
  if (!Array.isArray(v)) return null;
  const q = {} as Quantiles;
  for (let i = 0; i < QUANTILES.length; i++) {
    const x = num(v[i]);
    if (x === null) return null;
    q[QUANTILES[i][0]] = x;
  }
  return q;
}

/** A DuckDB value (number, bigint, null) as a finite number, or null. */
export function num(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const x = Number(v);
  return Number.isFinite(x) ? x : null;
}
