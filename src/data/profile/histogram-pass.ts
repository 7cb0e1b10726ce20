import type { DuckDBEngine } from '../../engine/index.js';
import type { ColumnPlan } from './column-plan.js';
import { projection } from './column-plan.js';
import { type Histogram, HISTOGRAM_BINS } from './types.js';

/** A column to bin, with the range its bins span. */
export interface BinSpec {
  plan: ColumnPlan;
  min: number;
  max: number;
}

/**
 * The fixed edges of `bins` equal-width bins over [min, max]. A range of one
 * value is widened by `pad` either side (0.5, as numpy does; datetimes pass
 * half a day in ms) so the bins still have width. Edges are computed as
 * `lo + span × i / bins`, which keeps round ranges round, and the last edge
 * is `max` itself, so rounding never leaves the maximum outside.
 */
export function binEdges(min: number, max: number, bins = HISTOGRAM_BINS, pad = 0.5): number[] {
  const lo = min === max ? min - pad : min;
  const hi = min === max ? max + pad : max;
  return Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + ((hi - lo) * i) / bins));
}

/** Half a day in ms: the pad of a datetime column holding one instant. */
const DATETIME_PAD = 43_200_000;

/** What the second scan returns: histograms, and exact distinct counts where asked. */
export interface HistogramPassResult {
  histograms: Map<string, Histogram>;
  distinct: Map<string, number>;
}

/**
 * Histograms of every binnable column in ONE scan, with DuckDB's
 * `histogram(value, boundaries)` aggregate given the 20 upper edges: it
 * measured three times faster than computing a bin index per row in SQL, and
 * only 20 counts per column come back to JS. The same scan counts distinct
 * values exactly for the `exact` columns: integers whose estimated distinct
 * count says they may be identifiers, which an estimate (DuckDB's
 * HyperLogLog measured up to 18% off) cannot decide.
 */
export async function histogramPass(
  engine: DuckDBEngine,
  relation: string,
  plans: readonly ColumnPlan[],
  specs: readonly BinSpec[],
  exact: readonly ColumnPlan[] = [],
): Promise<HistogramPassResult> {
  const res: HistogramPassResult = { histograms: new Map(), distinct: new Map() };
  if (specs.length === 0 && exact.length === 0) return res;
  const edges = specs.map((s) => binEdges(s.min, s.max, HISTOGRAM_BINS, s.plan.type === 'datetime' ? DATETIME_PAD : 0.5));
  const exprs = specs.map((s, i) => `histogram(${s.plan.alias}, [${edges[i].slice(1).map(sqlNumber).join(', ')}]) AS h${i}`);
  exact.forEach((p, i) => exprs.push(`count(DISTINCT ${p.alias}) AS d${i}`));
  const [row] = await engine.rows<Record<string, unknown>>(`SELECT ${exprs.join(', ')} FROM ${projection(plans, relation)}`);
  specs.forEach((s, i) => res.histograms.set(s.plan.alias, { edges: edges[i], counts: binCounts(row[`h${i}`], edges[i]) }));
  exact.forEach((p, i) => res.distinct.set(p.alias, Number(row[`d${i}`])));
  return res;
}

/**
 * Bin counts from the aggregate's MAP (upper edge → count, as `[{key,
 * value}]`). Its extra bucket for values above the last edge can only hold
 * what rounding put there, so it joins the last bin.
 */
function binCounts(map: unknown, edges: readonly number[]): number[] {
  const counts = new Array<number>(HISTOGRAM_BINS).fill(0);
  if (!Array.isArray(map)) return counts;
  const bin = new Map(edges.slice(1).map((e, i) => [e, i]));
  for (const { key, value } of map as { key: unknown; value: unknown }[]) {
    counts[bin.get(Number(key)) ?? HISTOGRAM_BINS - 1] += Number(value);
  }
  return counts;
}

/** A JS number as an exact DOUBLE literal (DuckDB would read `0.1` as DECIMAL). */
function sqlNumber(x: number): string {
  return `CAST('${String(x)}' AS DOUBLE)`;
}
