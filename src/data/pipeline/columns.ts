import { Frame, type Column, type DictionaryColumn, type LogicalType, type NumericColumn } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import type { ColumnAllocator } from './allocator.js';

/** Types held as Float64Array in a Frame. */
export const NUMERIC_TYPES: readonly LogicalType[] = ['numeric', 'integer', 'boolean', 'datetime'];
/** Number-valued types a scaler or binner can use. */
export const NUMBER_TYPES: readonly LogicalType[] = ['numeric', 'integer', 'boolean'];
/** Every logical type. */
export const ALL_TYPES: readonly LogicalType[] = ['numeric', 'integer', 'boolean', 'categorical', 'text', 'datetime'];

/**
 * The error for a transformer given a column it cannot handle. It names the
 * column, its type and the types allowed, since the usual cause is a spec
 * that lists the wrong column or a schema that inferred an unexpected type.
 */
export function wrongType(kind: string, col: { name: string; type: string }, allowed: readonly LogicalType[]): LatheError {
  return new LatheError('BAD_INPUT', `${kind} cannot be applied to column "${col.name}" of type ${col.type}`, {
    hint: `${kind} takes columns of type ${allowed.join(', ')}; remove "${col.name}" from its columns or change the column's type in the schema`,
  });
}

/** The named column, checked to exist and to have an allowed type. */
export function columnOf(kind: string, frame: Frame, name: string, allowed: readonly LogicalType[]): Column {
  if (!frame.has(name)) {
    throw new LatheError('BAD_INPUT', `${kind}: column "${name}" is not in the frame`, {
      hint: `the frame has: ${frame.names.join(', ') || '(no columns)'}`,
    });
  }
  const col = frame.column(name);
  if (!allowed.includes(col.type)) throw wrongType(kind, col, allowed);
  return col;
}

/** A numeric-like column, checked as in {@link columnOf}. */
export function numericOf(kind: string, frame: Frame, name: string, allowed: readonly LogicalType[]): NumericColumn {
  const col = columnOf(kind, frame, name, allowed);
  if (!('values' in col)) throw wrongType(kind, col, allowed);
  return col;
}

/** A dictionary-encoded column, checked as in {@link columnOf}. */
export function dictionaryOf(kind: string, frame: Frame, name: string, allowed: readonly LogicalType[]): DictionaryColumn {
  const col = columnOf(kind, frame, name, allowed);
  if (!('codes' in col)) throw wrongType(kind, col, allowed);
  return col;
}

/**
 * The columns a transformer works on: the ones named in its params, each
 * checked, or when none are named every column of an allowed type.
 */
export function resolveColumns(kind: string, frame: Frame, named: readonly string[] | undefined, allowed: readonly LogicalType[]): string[] {
  if (named === undefined) return frame.columns.filter((c) => allowed.includes(c.type)).map((c) => c.name);
  for (const name of named) columnOf(kind, frame, name, allowed);
  return [...named];
}

/**
 * A new frame where each column in `replaced` is swapped, in place, for the
 * columns listed for it (one, several, or none). Other columns are the same
 * objects as before, so untouched arrays are never copied.
 */
export function replaceColumns(frame: Frame, replaced: ReadonlyMap<string, readonly Column[]>): Frame {
  const out: Column[] = [];
  for (const c of frame.columns) {
    const r = replaced.get(c.name);
    if (r) out.push(...r);
    else out.push(c);
  }
  return Frame.of(out, frame.rows);
}

/** A numeric column object. */
export function numericColumn(name: string, type: NumericColumn['type'], values: Float64Array): NumericColumn {
  return { name, type, values };
}

/**
 * For each code of `dictionary`, the index of its value in `known`, or -1
 * when the value was not seen at fit. Frames built separately have different
 * dictionaries, so fitted state is kept as values and mapped per frame here,
 * once per dictionary entry rather than once per row.
 */
export function mapDictionary(dictionary: readonly string[], known: ReadonlyMap<string, number>): Int32Array {
  const map = new Int32Array(dictionary.length);
  for (let c = 0; c < dictionary.length; c++) map[c] = known.get(dictionary[c]) ?? -1;
  return map;
}

/** A value → position index over a list of values. */
export function indexOf(values: readonly string[]): Map<string, number> {
  return new Map(values.map((v, i) => [v, i]));
}

/** How many rows hold each code of a dictionary column. */
export function codeCounts(col: DictionaryColumn): Float64Array {
  const counts = new Float64Array(col.dictionary.length);
  const codes = col.codes;
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) counts[codes[i]]++;
  return counts;
}

/**
 * The distinct values present in a dictionary column with their counts,
 * merged by value (a dictionary may list a value twice or not use it).
 */
export function valueCounts(col: DictionaryColumn): Map<string, number> {
  const counts = codeCounts(col);
  const out = new Map<string, number>();
  for (let c = 0; c < counts.length; c++) {
    if (counts[c] > 0) out.set(col.dictionary[c], (out.get(col.dictionary[c]) ?? 0) + counts[c]);
  }
  return out;
}

/** Sorts strings by code unit, the same order on every machine and locale. */
export function sortStrings(values: Iterable<string>): string[] {
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * A new frame where each named number column is replaced by a fresh
 * Float64Array that `fill(src, out, j)` writes (j is the column's position
 * in `columns`, to index learned per-column arrays). The closure runs once
 * per column, its loop once per row, so the hot loop stays monomorphic.
 */
export function mapNumeric(
  kind: string,
  frame: Frame,
  columns: readonly string[],
  allowed: readonly LogicalType[],
  outType: NumericColumn['type'] | null,
  alloc: ColumnAllocator,
  fill: (src: Float64Array, out: Float64Array, j: number) => void,
): Frame {
  const replaced = new Map<string, Column[]>();
  columns.forEach((name, j) => {
    const col = numericOf(kind, frame, name, allowed);
    const out = alloc.f64(col.values.length, false);
    fill(col.values, out, j);
    replaced.set(name, [numericColumn(name, outType ?? col.type, out)]);
  });
  return replaceColumns(frame, replaced);
}
