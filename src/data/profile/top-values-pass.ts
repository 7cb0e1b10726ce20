import type { DuckDBEngine } from '../../engine/index.js';
import type { ColumnPlan } from './column-plan.js';
import { projection } from './column-plan.js';
import { TOP_K, type TopValue } from './types.js';

/** Per string column (by alias): its top values and its exact distinct count. */
export type TopValuesResult = Map<string, { top: TopValue[]; distinct: number }>;

/**
 * The `k` most frequent present values of each string column, in ONE scan:
 * a GROUP BY GROUPING SETS with one set per column, then a window keeps the
 * top `k` rows of each set. Ties are broken by value so the result is
 * deterministic. Counting the groups of each set gives the exact distinct
 * count for free, so strings never need an estimate.
 */
export async function topValuesPass(
  engine: DuckDBEngine,
  relation: string,
  plans: readonly ColumnPlan[],
  targets: readonly ColumnPlan[],
  k = TOP_K,
): Promise<TopValuesResult> {
  const out: TopValuesResult = new Map(targets.map((t) => [t.alias, { top: [], distinct: 0 }]));
  if (targets.length === 0) return out;
  const cols = targets.map((t) => t.alias);
  // grouping(c) is 0 only in c's own grouping set, which tells the sets apart.
  const which = `CASE ${cols.map((c, i) => `WHEN grouping(${c}) = 0 THEN ${i}`).join(' ')} END`;
  const value = `CASE ${cols.map((c) => `WHEN grouping(${c}) = 0 THEN ${c}`).join(' ')} END`;
  const sets = cols.map((c) => `(${c})`).join(', ');
  const sql = `
    SELECT set_id, v, n, count(*) OVER (PARTITION BY set_id) AS groups FROM (
      SELECT ${which} AS set_id, ${value} AS v, count(*) AS n
      FROM ${projection(plans, relation)}
      GROUP BY GROUPING SETS (${sets})
    )
    WHERE v IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY set_id ORDER BY n DESC, v) <= ${k}
    ORDER BY set_id, n DESC, v`;
  for (const r of await engine.rows<{ set_id: number; v: string; n: bigint; groups: bigint }>(sql)) {
    const col = out.get(cols[Number(r.set_id)])!;
    col.top.push({ value: r.v, count: Number(r.n) });
    col.distinct = Number(r.groups);
  }
  return out;
}
