import type { Column, Frame, NumericColumn } from '../../core/index.js';
import type { ColumnAllocator } from './allocator.js';
import { numericColumn, numericOf, replaceColumns, resolveColumns } from './columns.js';
import type { ParamDefs } from './params.js';
import { StateReader } from './state-json.js';
import { BaseTransformer } from './transformer.js';

const KIND = 'datetime_expand';
const TYPES = ['datetime'] as const;
/** The parts a datetime can be expanded into, all in UTC. */
export const DATETIME_FEATURES = ['year', 'month', 'day', 'dayofweek', 'hour', 'epoch'] as const;
type Feature = (typeof DATETIME_FEATURES)[number];
const DEFS: ParamDefs = {
  columns: { type: 'columns' },
  features: { type: 'enum-list', values: DATETIME_FEATURES, default: DATETIME_FEATURES },
};

/** Parameters of {@link DatetimeExpander}. */
export type DatetimeExpanderParams = {
  /** Columns to expand; default every datetime column. */
  columns?: readonly string[];
  /** Which parts to emit, as `<col>__<part>`; default all of {@link DATETIME_FEATURES}. */
  features?: readonly Feature[];
};

interface State {
  columns: string[];
}

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

/**
 * Replaces each datetime column with its UTC calendar parts: year, month
 * (1–12), day (1–31), dayofweek (Monday = 0, as pandas), hour (0–23) and
 * epoch (milliseconds, the raw value). A missing datetime gives NaN in
 * every part. Dates are computed arithmetically, without a Date per row.
 *
 * @example
 * ```ts
 * new DatetimeExpander({ columns: ['ts'], features: ['year', 'hour'] }).fitTransform(frame);
 * // ts → ts__year, ts__hour
 * ```
 */
export class DatetimeExpander extends BaseTransformer<DatetimeExpanderParams, State> {
  /** The registry key of this transformer. */
  static readonly kind = KIND;

  constructor(params: DatetimeExpanderParams = {}) {
    super(KIND, DEFS, params);
  }

  protected learn(frame: Frame): State {
    return { columns: resolveColumns(KIND, frame, this.params.columns, TYPES) };
  }

  protected apply(frame: Frame, s: State, alloc: ColumnAllocator): Frame {
    const features = this.params.features as readonly Feature[];
    const replaced = new Map<string, Column[]>();
    for (const name of s.columns) {
      const src = numericOf(KIND, frame, name, TYPES).values;
      const outs = new Map<Feature, Float64Array>(features.map((f) => [f, alloc.f64(src.length, false)]));
      const get = (f: Feature) => outs.get(f) ?? null;
      expand(src, get('year'), get('month'), get('day'), get('dayofweek'), get('hour'), get('epoch'));
      replaced.set(
        name,
        features.map((f) => numericColumn(`${name}__${f}`, (f === 'epoch' ? 'numeric' : 'integer') as NumericColumn['type'], outs.get(f)!)),
      );
    }
    return replaceColumns(frame, replaced);
  }

  protected saveState(s: State): Record<string, unknown> {
    return { columns: s.columns };
  }

  protected loadState(state: unknown): State {
    return { columns: new StateReader(KIND, state).strings('columns') };
  }
}

/** Beyond ±8.64e15 ms a JS Date is invalid, and days would overflow int32. */
const MAX_MS = 8.64e15;
/** Years are stored offset so a packed date is a non-negative int32. */
const YEAR_OFFSET = 300_000;
/** Dates spanning up to this many days get a lookup table; wider spans are computed per row. */
const MAX_TABLE_DAYS = 1 << 20;

/**
 * Howard Hinnant's days → civil date algorithm, packed as
 * `(year + offset) << 9 | month << 5 | day`. Integer steps stay in int32
 * (`| 0`) so V8 turns the divisions by constants into multiplications.
 */
function civil(days: number): number {
  const z = (days + 719468) | 0;
  const era = ((z >= 0 ? z : z - 146096) / 146097) | 0;
  const doe = (z - Math.imul(era, 146097)) | 0;
  const yoe = ((doe - ((doe / 1460) | 0) + ((doe / 36524) | 0) - ((doe / 146096) | 0)) / 365) | 0;
  const doy = (doe - (Math.imul(365, yoe) + ((yoe / 4) | 0) - ((yoe / 100) | 0))) | 0;
  const mp = ((Math.imul(5, doy) + 2) / 153) | 0;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const day = doy - (((Math.imul(153, mp) + 2) / 5) | 0) + 1;
  return ((year + YEAR_OFFSET) << 9) | (month << 5) | day;
}

/**
 * The packed date of every day in the column's range, so each row costs a
 * table lookup instead of the calendar arithmetic (real data spans years,
 * not millions of days). Null when the range is too wide to be worth it.
 */
function dayTable(src: Float64Array): { first: number; table: Int32Array } | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < src.length; i++) {
    const ms = src[i];
    if (ms < lo && ms >= -MAX_MS) lo = ms;
    if (ms > hi && ms <= MAX_MS) hi = ms;
  }
  if (!(lo <= hi)) return null;
  const first = Math.floor(lo / MS_PER_DAY);
  const span = Math.floor(hi / MS_PER_DAY) - first + 1;
  if (span > MAX_TABLE_DAYS) return null;
  const table = new Int32Array(span);
  for (let k = 0; k < span; k++) table[k] = civil(first + k);
  return { first, table };
}

/** Writes the parts of each instant; outputs not asked for are null. */
function expand(
  src: Float64Array,
  yr: Float64Array | null,
  mo: Float64Array | null,
  dd: Float64Array | null,
  dw: Float64Array | null,
  hr: Float64Array | null,
  ep: Float64Array | null,
): void {
  const lookup = dayTable(src);
  const first = lookup ? lookup.first : 0;
  const table = lookup ? lookup.table : null;
  for (let i = 0; i < src.length; i++) {
    const ms = src[i];
    if (ep !== null) ep[i] = ms;
    if (!(Math.abs(ms) <= MAX_MS)) {
      if (yr !== null) yr[i] = NaN;
      if (mo !== null) mo[i] = NaN;
      if (dd !== null) dd[i] = NaN;
      if (dw !== null) dw[i] = NaN;
      if (hr !== null) hr[i] = NaN;
      continue;
    }
    const days = Math.floor(ms / MS_PER_DAY) | 0;
    if (hr !== null) hr[i] = Math.floor((ms - days * MS_PER_DAY) / MS_PER_HOUR);
    // 1970-01-01 was a Thursday: 3 with Monday = 0.
    if (dw !== null) dw[i] = (((days + 3) % 7) + 7) % 7;
    const packed = table !== null ? table[days - first] : civil(days);
    if (yr !== null) yr[i] = (packed >> 9) - YEAR_OFFSET;
    if (mo !== null) mo[i] = (packed >> 5) & 15;
    if (dd !== null) dd[i] = packed & 31;
  }
}
