import { LatheError } from '../../errors.js';

/**
 * A number as JSON. JSON has no NaN, ±Infinity or -0, and learned state can
 * hold all four (a mean of an all-missing column, an open clip bound), so
 * those become strings; every finite double round-trips exactly as a JSON
 * number because JS prints the shortest string that parses back to it.
 */
export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity' | '-0';

/** Encodes one number so it survives JSON.stringify/parse bit for bit. */
export function encodeNumber(x: number): JsonNumber {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0 && 1 / x < 0) return '-0';
  return x;
}

/** Encodes numbers (a typed array or a list) as a JSON-safe list. */
export function encodeNumbers(xs: ArrayLike<number>): JsonNumber[] {
  const out = new Array<JsonNumber>(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = encodeNumber(xs[i]);
  return out;
}

const SPECIAL: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

/** Decodes one number written by {@link encodeNumber}; anything else is BAD_INPUT. */
export function decodeNumber(x: unknown, what: string): number {
  if (typeof x === 'number') return x;
  if (typeof x === 'string' && Object.hasOwn(SPECIAL, x)) return SPECIAL[x];
  throw badState(`${what} must be a number`);
}

/** Reads saved learned state, refusing anything malformed with BAD_INPUT. */
export class StateReader {
  private readonly obj: Record<string, unknown>;

  constructor(
    private readonly kind: string,
    state: unknown,
  ) {
    if (typeof state !== 'object' || state === null || Array.isArray(state)) throw badState(`${kind} state must be an object`);
    this.obj = state as Record<string, unknown>;
  }

  /** A list of strings. */
  strings(key: string, length?: number): string[] {
    const v = this.obj[key];
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw badState(`${this.kind} state "${key}" must be a list of strings`);
    this.checkLength(key, v.length, length);
    return v as string[];
  }

  /** A list of numbers as a Float64Array. */
  numbers(key: string, length?: number): Float64Array {
    const v = this.obj[key];
    if (!Array.isArray(v)) throw badState(`${this.kind} state "${key}" must be a list of numbers`);
    this.checkLength(key, v.length, length);
    const out = new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = decodeNumber(v[i], `${this.kind} state "${key}"`);
    return out;
  }

  /** A list of lists (one per column), each read by `read`. */
  lists<T>(key: string, length: number, read: (item: unknown, i: number) => T): T[] {
    const v = this.obj[key];
    if (!Array.isArray(v)) throw badState(`${this.kind} state "${key}" must be a list`);
    this.checkLength(key, v.length, length);
    return v.map(read);
  }

  /** One string. */
  string(key: string): string {
    const v = this.obj[key];
    if (typeof v !== 'string') throw badState(`${this.kind} state "${key}" must be a string`);
    return v;
  }

  /** The raw value, for nested readers. */
  raw(key: string): unknown {
    return this.obj[key];
  }

  private checkLength(key: string, got: number, want: number | undefined): void {
    if (want !== undefined && got !== want) throw badState(`${this.kind} state "${key}" has ${got} entries, expected ${want}`);
  }
}

/** The error for saved state that does not match what the transformer writes. */
export function badState(message: string): LatheError {
  return new LatheError('BAD_INPUT', `pipeline JSON: ${message}`, {
    hint: 'the pipeline JSON is damaged or was written by another version; refit the pipeline',
  });
}

/** Reads a list of strings from an unknown value, for nested state. */
export function stringList(v: unknown, what: string): string[] {
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw badState(`${what} must be a list of strings`);
  return v as string[];
}

/** Reads a list of numbers from an unknown value, for nested state. */
export function numberList(v: unknown, what: string): Float64Array {
  if (!Array.isArray(v)) throw badState(`${what} must be a list of numbers`);
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = decodeNumber(v[i], what);
  return out;
}

/** Per-column learned numbers: the column names plus equal-length number arrays. */
export type ColumnNumbers<K extends string> = { columns: string[] } & Record<K, Float64Array>;

/** Saves {@link ColumnNumbers} as JSON-safe data. */
export function saveColumnNumbers<K extends string>(s: ColumnNumbers<K>, keys: readonly K[]): Record<string, unknown> {
  const out: Record<string, unknown> = { columns: [...s.columns] };
  for (const k of keys) out[k] = encodeNumbers(s[k]);
  return out;
}

/** Loads {@link ColumnNumbers}, checking every array has one entry per column. */
export function loadColumnNumbers<K extends string>(kind: string, state: unknown, keys: readonly K[]): ColumnNumbers<K> {
  const r = new StateReader(kind, state);
  const columns = r.strings('columns');
  const out = { columns } as ColumnNumbers<K>;
  for (const k of keys) (out as Record<string, unknown>)[k] = r.numbers(k, columns.length);
  return out;
}
