import { LatheError } from '../errors.js';
import type { ColumnSchema, LogicalType } from './logical-type.js';

/** A numeric, integer, boolean (0/1) or datetime (epoch ms) column; NaN is missing. */
export interface NumericColumn {
  readonly name: string;
  readonly type: 'numeric' | 'integer' | 'boolean' | 'datetime';
  readonly values: Float64Array;
}

/** A categorical or text column: codes into `dictionary`, -1 is missing. */
export interface DictionaryColumn {
  readonly name: string;
  readonly type: 'categorical' | 'text';
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
}

/** Any Frame column. */
export type Column = NumericColumn | DictionaryColumn;

/**
 * A columnar, immutable table. Columns are typed arrays; there are no per-row
 * objects. Build one with {@link Frame.of} or load one with `loadFrame`.
 *
 * @example
 * ```ts
 * const f = Frame.of([
 *   { name: 'x', type: 'numeric', values: new Float64Array([1, 2, NaN]) },
 *   { name: 'c', type: 'categorical', codes: new Int32Array([0, 1, -1]), dictionary: ['a', 'b'] },
 * ]);
 * f.rows; // 3
 * ```
 */
export class Frame {
  readonly rows: number;
  readonly columns: readonly Column[];
  private readonly byName: Map<string, Column>;

  private constructor(rows: number, columns: readonly Column[]) {
    this.rows = rows;
    this.columns = Object.freeze([...columns]);
    this.byName = new Map(columns.map((c) => [c.name, c]));
  }

  /** Builds a frame, checking names are unique and every column has the same length. */
  static of(columns: readonly Column[], rows?: number): Frame {
    const n = rows ?? (columns.length > 0 ? columnLength(columns[0]) : 0);
    const seen = new Set<string>();
    for (const c of columns) {
      if (seen.has(c.name)) {
        throw new LatheError('DUPLICATE_COLUMN', `column "${c.name}" appears twice in the frame`, {
          hint: 'give every column a unique name',
        });
      }
      seen.add(c.name);
      if (columnLength(c) !== n) {
        throw new LatheError('BAD_INPUT', `column "${c.name}" has ${columnLength(c)} rows, expected ${n}`, {
          hint: 'every column of a frame must have the same length',
        });
      }
    }
    return new Frame(n, columns);
  }

  /** Column names in order. */
  get names(): string[] {
    return this.columns.map((c) => c.name);
  }

  /** The schema of the frame; `nullable` is true when any value is missing. */
  schema(): ColumnSchema[] {
    return this.columns.map((c) => ({ name: c.name, type: c.type as LogicalType, nullable: hasMissing(c) }));
  }

  /** True when the frame has a column of that name. */
  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The column of that name; throws NOT_FOUND naming the known columns. */
  column(name: string): Column {
    const c = this.byName.get(name);
    if (!c) {
      throw new LatheError('NOT_FOUND', `column "${name}" is not in the frame`, {
        hint: `known columns: ${this.names.join(', ')}`,
      });
    }
    return c;
  }

  /** A frame with only the named columns, in that order. Arrays are shared, not copied. */
  select(names: readonly string[]): Frame {
    return new Frame(this.rows, names.map((n) => this.column(n)));
  }

  /** A frame without the named columns. */
  drop(names: readonly string[]): Frame {
    const skip = new Set(names);
    return new Frame(this.rows, this.columns.filter((c) => !skip.has(c.name)));
  }

  /** A frame of the rows at `indices`, in that order (a gather into new arrays). */
  take(indices: Int32Array): Frame {
    const n = indices.length;
    const cols = this.columns.map((c): Column => {
      if ('codes' in c) {
        const codes = new Int32Array(n);
        for (let i = 0; i < n; i++) codes[i] = c.codes[indices[i]];
        return { name: c.name, type: c.type, codes, dictionary: c.dictionary };
      }
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = c.values[indices[i]];
      return { name: c.name, type: c.type, values };
    });
    return new Frame(n, cols);
  }

  /** The value at a row as a plain JS value, for display and tests (not for hot paths). */
  value(name: string, row: number): number | string | boolean | Date | null {
    const c = this.column(name);
    if ('codes' in c) {
      const code = c.codes[row];
      return code < 0 ? null : c.dictionary[code];
    }
    const v = c.values[row];
    if (Number.isNaN(v)) return null;
    if (c.type === 'boolean') return v === 1;
    if (c.type === 'datetime') return new Date(v);
    return v;
  }
}

function columnLength(c: Column): number {
  return 'codes' in c ? c.codes.length : c.values.length;
}

function hasMissing(c: Column): boolean {
  if ('codes' in c) {
    for (let i = 0; i < c.codes.length; i++) if (c.codes[i] < 0) return true;
    return false;
  }
  for (let i = 0; i < c.values.length; i++) if (Number.isNaN(c.values[i])) return true;
  return false;
}
