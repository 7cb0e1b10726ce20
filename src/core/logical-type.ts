/**
 * Logical column types. They say how a column is meant, not how it is stored:
 * an `integer` column is still held as a Float64Array in a Frame.
 */
export const LOGICAL_TYPES = ['numeric', 'integer', 'boolean', 'categorical', 'text', 'datetime'] as const;

/** One of {@link LOGICAL_TYPES}. */
export type LogicalType = (typeof LOGICAL_TYPES)[number];

/** A column of a dataset schema. */
export interface ColumnSchema {
  name: string;
  type: LogicalType;
  nullable: boolean;
}

/** True for the types a Frame holds as a Float64Array. */
export function isNumericLike(t: LogicalType): boolean {
  return t === 'numeric' || t === 'integer' || t === 'boolean' || t === 'datetime';
}

/** True for the types a Frame holds dictionary-encoded. */
export function isDictionaryEncoded(t: LogicalType): boolean {
  return t === 'categorical' || t === 'text';
}
