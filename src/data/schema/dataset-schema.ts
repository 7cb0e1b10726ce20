import { type LogicalType, parseIsoDate } from '../../core/index.js';

/** The only schema format version this Lathe reads and writes. */
export const SCHEMA_VERSION = 1;

/** Above this many distinct values a categorical column gets no category list. */
export const MAX_CATEGORIES = 1000;

/**
 * How far `inferSchema` widens an observed range on each side, as a share of
 * the observed span (max − min): the data a schema was inferred from is a
 * sample, and another sample of the same data reaches a little further.
 */
export const RANGE_MARGIN = 0.1;

/**
 * Unexpected categories in fewer than this share of rows are a warning, not
 * an error (a rare value the sample the schema came from missed), unless
 * `categories_strict` is true for the column or the schema.
 */
export const RARE_CATEGORY_SHARE = 0.01;

/**
 * Allowed values of a numeric, integer or datetime column. Either bound may be
 * left out for an open interval. Datetime bounds are ISO 8601 strings (UTC
 * when no offset is written); numeric bounds are numbers.
 */
export interface ValueRange {
  min?: number | string;
  max?: number | string;
}

/** What valid data looks like for one column. */
export interface SchemaColumn {
  name: string;
  type: LogicalType;
  /** Whether the column may hold missing values at all. */
  nullable: boolean;
  /** False: the column may be absent from the data (a warning, not an error). */
  required: boolean;
  /** The largest share of missing values accepted, 0 to 1. */
  max_missing_rate: number;
  /** Only for numeric, integer and datetime columns. */
  range?: ValueRange;
  /** Only for categorical columns: the values allowed. */
  categories?: string[];
  /** True: any unexpected category is an error, however rare; overrides the schema-level key. */
  categories_strict?: boolean;
}

/**
 * A dataset schema: the contract that `lathe validate` and the training gate
 * check data against. Written by `inferSchema`, edited by people as YAML.
 *
 * @example
 * ```ts
 * const schema: DatasetSchema = {
 *   version: 1,
 *   columns: [{ name: 'x', type: 'numeric', nullable: false, required: true, max_missing_rate: 0, range: { min: 0, max: 1 } }],
 * };
 * ```
 */
export interface DatasetSchema {
  version: typeof SCHEMA_VERSION;
  /** The default of every column's `categories_strict` (false when left out). */
  categories_strict?: boolean;
  columns: SchemaColumn[];
}

/** True for the types a schema column may give a `range` for. */
export function takesRange(t: LogicalType): boolean {
  return t === 'numeric' || t === 'integer' || t === 'datetime';
}

/**
 * Epoch ms of an ISO 8601 date or datetime, read as UTC when it has no
 * offset; NaN when it does not parse. The shared strict parser
 * (`parseIsoDate` in core), under the name the schema code has used.
 */
export function parseIsoUtc(s: string): number {
  return parseIsoDate(s);
}

/** A datetime bound as epoch ms, or a numeric bound as it is. */
export function boundValue(v: number | string | undefined): number | undefined {
  if (v === undefined) return undefined;
  return typeof v === 'number' ? v : parseIsoUtc(v);
}
