import type { TransformerJSON } from '../../data/pipeline/index.js';
import { attr, type GraphBuilder } from './graph-builder.js';
import { type Columns, type NumValue, numOf, replaceColumn, scalar } from './export-columns.js';

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;
const MAX_MS = 8.64e15;

/**
 * `datetime_expand`: the UTC calendar parts of epoch milliseconds, with the
 * same arithmetic as Lathe (Howard Hinnant's days → civil date) in doubles:
 * every intermediate is a whole number far below 2^53, and each truncating
 * division of a non-negative value is a Floor of the quotient, so the parts
 * are exact. Out-of-range or missing instants give NaN parts; `epoch` is
 * the raw value.
 */
export function exportDatetimeExpand(g: GraphBuilder, cols: Columns, step: TransformerJSON): Columns {
  const features = (step.params.features as string[] | undefined) ?? ['year', 'month', 'day', 'dayofweek', 'hour', 'epoch'];
  let out = cols;
  for (const name of step.state.columns as string[]) {
    const ms = numOf(out, name, step.kind);
    const parts = calendarParts(g, ms);
    const bad = g.node('Not', [g.node('LessOrEqual', [g.node('Abs', [ms]), scalar(g, 'max_ms', MAX_MS)])]);
    const nan = scalar(g, 'nan', NaN);
    const value = (f: string): string => (f === 'epoch' ? ms : g.node('Where', [bad, nan, parts[f]]));
    out = replaceColumn(
      out,
      name,
      features.map((f): [string, NumValue] => [`${name}__${f}`, { kind: 'num', value: value(f) }]),
    );
  }
  return out;
}

function calendarParts(g: GraphBuilder, ms: string): Record<string, string> {
  const c = (v: number) => scalar(g, 'k', v);
  const add = (a: string, b: string) => g.node('Add', [a, b]);
  const sub = (a: string, b: string) => g.node('Sub', [a, b]);
  const mul = (a: string, b: string) => g.node('Mul', [a, b]);
  const floorDiv = (a: string, b: number) => g.node('Floor', [g.node('Div', [a, c(b)])]);
  const days = floorDiv(ms, MS_PER_DAY);
  const hour = g.node('Floor', [g.node('Div', [sub(ms, mul(days, c(MS_PER_DAY))), c(MS_PER_HOUR)])]);
  const mod7 = (a: string) => g.node('Mod', [a, c(7)], [attr.int('fmod', 1)]);
  const dayofweek = mod7(add(mod7(add(days, c(3))), c(7)));
  const z = add(days, c(719468));
  const era = floorDiv(z, 146097);
  const doe = sub(z, mul(era, c(146097)));
  const yoe = floorDiv(add(sub(doe, floorDiv(doe, 1460)), sub(floorDiv(doe, 36524), floorDiv(doe, 146096))), 365);
  const doy = sub(doe, sub(add(mul(c(365), yoe), floorDiv(yoe, 4)), floorDiv(yoe, 100)));
  const mp = floorDiv(add(mul(c(5), doy), c(2)), 153);
  const early = g.node('Less', [mp, c(10)]);
  const month = g.node('Where', [early, add(mp, c(3)), sub(mp, c(9))]);
  const janFeb = g.node('LessOrEqual', [month, c(2)]);
  const year = add(add(yoe, mul(era, c(400))), g.node('Where', [janFeb, c(1), c(0)]));
  const day = add(sub(doy, floorDiv(add(mul(c(153), mp), c(2)), 5)), c(1));
  return { year, month, day, dayofweek, hour };
}
