import type { LogicalType } from '../../core/index.js';

/**
 * What a column is used as, refined from its logical type by the data:
 * `identifier` when every present value is distinct (integer, categorical and
 * text only: all-distinct floats are just continuous), `constant` when at most
 * one distinct value is present (an all-missing column is constant too).
 * Otherwise it is the logical type itself.
 */
export type SemanticType = LogicalType | 'identifier' | 'constant';

/** The quantiles every numeric column carries, by percent. */
export interface Quantiles {
  p01: number;
  p05: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  p99: number;
}

/**
 * Counts on fixed, equal-width bins: `counts[i]` holds values in
 * `(edges[i], edges[i+1]]`, and the first bin also holds `edges[0]` (the
 * convention of pandas.cut with include_lowest, and of DuckDB's
 * `histogram(x, boundaries)`). Datetime edges are epoch milliseconds.
 */
export interface Histogram {
  edges: number[];
  counts: number[];
}

/** One frequent value and how many rows hold it. Booleans keep their JSON type. */
export interface TopValue {
  value: string | boolean;
  count: number;
}

/** Length statistics of a string column, in characters. */
export interface LengthStats {
  min: number;
  mean: number;
  max: number;
}

/**
 * The statistics of one column. The fields up to `top` form the stable
 * `--json` contract of `lathe profile`; a field that does not apply to the
 * column's type is null (and `top` is empty).
 */
export interface ColumnProfile {
  name: string;
  type: LogicalType;
  count: number;
  missing: number;
  /** Exact up to 100k rows, approximate (HyperLogLog) above; see {@link RelationProfile.approximate}. */
  distinct: number;
  /** Numbers for numeric and integer columns, ISO-8601 strings for datetimes. */
  min: number | string | null;
  max: number | string | null;
  mean: number | null;
  /** Sample standard deviation (n - 1), as pandas reports it. */
  std: number | null;
  quantiles: Quantiles | null;
  top: TopValue[];
  semantic: SemanticType;
  missing_rate: number;
  zeros: number | null;
  histogram: Histogram | null;
  /** Present rows whose value is outside `top`. */
  other_count: number | null;
  length: LengthStats | null;
}

/** The profile of any relation: a dataset version, a file, a query. */
export interface RelationProfile {
  rows: number;
  /** True when distinct counts and quantiles were estimated (above {@link EXACT_ROW_LIMIT} rows). */
  approximate: boolean;
  columns: ColumnProfile[];
}

/** The stored profile of a dataset version; the `--json` form of `lathe profile`. */
export interface Profile extends RelationProfile {
  dataset: string;
  version: number;
}

/** Up to this many rows, distinct counts and quantiles are exact. */
export const EXACT_ROW_LIMIT = 100_000;

/** How many frequent values a categorical or text column keeps. */
export const TOP_K = 50;

/** Equal-width bins in a histogram. */
export const HISTOGRAM_BINS = 20;

/** The quantile keys in order, with their probabilities. */
export const QUANTILES: readonly (readonly [keyof Quantiles, number])[] = [
  ['p01', 0.01],
  ['p05', 0.05],
  ['p25', 0.25],
  ['p50', 0.5],
  ['p75', 0.75],
  ['p95', 0.95],
  ['p99', 0.99],
];
