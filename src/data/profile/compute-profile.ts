import { type LogicalType, span } from '../../core/index.js';
import type { DuckDBEngine } from '../../engine/index.js';
import { type ColumnPlan, type ProfileColumn, isBinnedType, isStringType, planColumns } from './column-plan.js';
import { type BinSpec, histogramPass } from './histogram-pass.js';
import { type ColumnStats, num, statsPass } from './stats-pass.js';
import { topValuesPass } from './top-values-pass.js';
import {
  type ColumnProfile,
  EXACT_ROW_LIMIT,
  type Histogram,
  type RelationProfile,
  type SemanticType,
  type TopValue,
} from './types.js';

/** Options for {@link computeProfile}. */
export interface ComputeProfileOptions {
  /** The row count when already known (a dataset version's); saves a count. */
  rows?: number;
}

/**
 * An estimated distinct count at least this share of the present values
 * makes an integer an identifier candidate, counted exactly before it is
 * called one: DuckDB's HyperLogLog measured up to 18% low.
 */
const IDENTIFIER_CANDIDATE = 0.75;

/**
 * Profiles any relation (a view, a table, `read_csv(…)`, a `(SELECT …)`)
 * inside DuckDB, in three scans: one aggregate SELECT for every per-column
 * statistic, one for the histograms (their edges need the min and max), one
 * GROUPING SETS query for the frequent values of every string column.
 *
 * `columns` picks and orders the columns and gives their logical types;
 * without it every column is profiled with the type its storage implies.
 *
 * @example
 * ```ts
 * const p = await computeProfile(engine, "read_csv('new.csv')");
 * p.columns.find((c) => c.name === 'age')?.missing_rate;
 * ```
 */
export async function computeProfile(
  engine: DuckDBEngine,
  relation: string,
  columns?: readonly ProfileColumn[],
  opts: ComputeProfileOptions = {},
): Promise<RelationProfile> {
  return span('profile', async () => {
    const plans = await planColumns(engine, relation, columns);
    const expected = opts.rows ?? num((await engine.rows(`SELECT count(*) AS n FROM ${relation}`))[0].n) ?? 0;
    const approximate = expected > EXACT_ROW_LIMIT;
    const { rows, stats } = await span('profile.stats', () => statsPass(engine, relation, plans, approximate));
    const bins: BinSpec[] = [];
    plans.forEach((plan, i) => {
      const { min, max } = stats[i];
      if (isBinnedType(plan.type) && min !== null && max !== null) bins.push({ plan, min, max });
    });
    const candidates = approximate ? plans.filter((p, i) => p.type === 'integer' && maybeUnique(stats[i])) : [];
    const second = await span('profile.histograms', () => histogramPass(engine, relation, plans, bins, candidates));
    const strings = plans.filter((p, i) => isStringType(p.type) && stats[i].count > 0);
    const tops = await span('profile.top', () => topValuesPass(engine, relation, plans, strings));
    const out = plans.map((p, i) => {
      const t = tops.get(p.alias);
      const distinct = t?.distinct ?? second.distinct.get(p.alias) ?? stats[i].distinct;
      return columnProfile(p, stats[i], rows, distinct, second.histograms.get(p.alias) ?? null, t?.top);
    });
    return { rows, approximate, columns: out };
  });
}

function maybeUnique(s: ColumnStats): boolean {
  return s.count > 1 && s.distinct >= IDENTIFIER_CANDIDATE * s.count;
}

/**
 * The semantic type: `constant` at most one distinct present value,
 * `identifier` when every present value is distinct in an integer or string
 * column, else the logical type.
 */
export function semanticOf(type: LogicalType, count: number, distinct: number): SemanticType {
  if (distinct <= 1) return 'constant';
  if ((type === 'integer' || isStringType(type)) && distinct === count) return 'identifier';
  return type;
}

/**
 * True when a column's `distinct` is a HyperLogLog estimate: numbers and
 * datetimes of a profile above 100k rows, except integers found to be
 * identifiers (those were counted exactly). Strings and booleans are exact.
 */
export function distinctIsEstimate(c: Pick<ColumnProfile, 'type' | 'semantic'>, approximate: boolean): boolean {
  const counted = c.type === 'numeric' || c.type === 'integer' || c.type === 'datetime';
  return approximate && counted && c.semantic !== 'identifier';
}

function columnProfile(
  p: ColumnPlan,
  s: ColumnStats,
  rows: number,
  distinct: number,
  histogram: Histogram | null,
  strings: TopValue[] | undefined,
): ColumnProfile {
  const numeric = p.type === 'numeric' || p.type === 'integer';
  const datetime = p.type === 'datetime';
  const top = p.type === 'boolean' ? booleanTop(s) : (strings ?? []);
  const missing = rows - s.count;
  // Key order follows the stable --json contract first, then the additions.
  return {
    name: p.name,
    type: p.type,
    count: s.count,
    missing,
    distinct,
    min: numeric ? s.min : datetime ? isoOrNull(s.min) : null,
    max: numeric ? s.max : datetime ? isoOrNull(s.max) : null,
    mean: numeric ? s.mean : null,
    std: numeric ? s.std : null,
    quantiles: numeric ? s.quantiles : null,
    top,
    semantic: semanticOf(p.type, s.count, distinct),
    missing_rate: rows === 0 ? 0 : missing / rows,
    zeros: numeric ? s.zeros : null,
    histogram,
    other_count: isStringType(p.type) || p.type === 'boolean' ? s.count - top.reduce((a, t) => a + t.count, 0) : null,
    length: isStringType(p.type) ? s.length : null,
  };
}

function booleanTop(s: ColumnStats): TopValue[] {
  const top: TopValue[] = [
    { value: true, count: s.trues ?? 0 },
    { value: false, count: s.falses ?? 0 },
  ];
  return top.filter((t) => t.count > 0).sort((a, b) => b.count - a.count);
}

/** Epoch ms as ISO-8601; null past the range a JS Date holds (DuckDB's reaches further). */
function isoOrNull(ms: number | null): string | null {
  if (ms === null || Math.abs(ms) > 8.64e15) return null;
  return new Date(ms).toISOString();
}
