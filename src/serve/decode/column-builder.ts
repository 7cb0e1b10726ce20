import { type Column, parseIsoDate } from '../../core/index.js';
import type { SignatureInput } from '../../train/package/index.js';

/**
 * What JSON values of a column are expected to be: the OIP datatype family
 * (`number` for FP*, INT*, UINT*; `bool`; `string` for BYTES), or `any` for
 * V1 records, where each value's JSON type speaks for itself.
 */
export type ValueKind = 'number' | 'integer' | 'bool' | 'string' | 'any';

/**
 * Builds the frame column of one signature input from its values, in the
 * model's logical type. `null` is a missing value. Problems go to `issues`,
 * naming the input but never quoting a value; the column is null then.
 */
export function buildColumn(input: SignatureInput, values: readonly unknown[], kind: ValueKind, issues: string[]): Column | null {
  const col = input.type === 'categorical' || input.type === 'text' ? dictionaryColumn(input, values, kind, issues) : numericColumn(input, values, kind, issues);
  if (col && !input.nullable && input.required && countMissing(col) > 0) {
    issues.push(`input "${input.name}" has ${countMissing(col)} missing value(s), and the model was trained without missing values in it`);
    return null;
  }
  return col;
}

function numericColumn(input: SignatureInput, values: readonly unknown[], kind: ValueKind, issues: string[]): Column | null {
  const out = new Float64Array(values.length);
  const parse = numberParser(input, kind);
  if (typeof parse === 'string') {
    issues.push(parse);
    return null;
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const x = v === null ? Number.NaN : parse(v);
    if (x === undefined) {
      issues.push(`input "${input.name}" holds a value that is not ${describe(input)} (row ${i})`);
      return null;
    }
    out[i] = x;
  }
  return { name: input.name, type: input.type as 'numeric', values: out };
}

type Parse = (v: unknown) => number | undefined;

const asNumber: Parse = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const asInteger: Parse = (v) => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
const asBool: Parse = (v) => (v === true ? 1 : v === false ? 0 : undefined);
const asBit: Parse = (v) => (v === 0 || v === 1 ? v : undefined);
const asTime: Parse = (v) => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v !== 'string' || v.length > 40) return undefined;
  // The shared strict parser: Date.parse would accept "03/05/1999" (and read it as local time).
  const t = parseIsoDate(v);
  return Number.isNaN(t) ? undefined : t;
};

/** How values of `kind` become the input's numbers, or why they cannot. */
function numberParser(input: SignatureInput, kind: ValueKind): Parse | string {
  const wrong = (given: string) => `input "${input.name}" is ${given}, but the model needs ${describe(input)}`;
  switch (input.type) {
    case 'numeric':
    case 'integer':
      if (kind === 'number' || kind === 'any') return asNumber;
      if (kind === 'integer') return asInteger;
      return wrong(kind === 'bool' ? 'BOOL' : 'BYTES (text)');
    case 'boolean':
      if (kind === 'bool') return asBool;
      if (kind === 'integer') return asBit;
      if (kind === 'any') return (v) => asBool(v) ?? asBit(v);
      return wrong(kind === 'string' ? 'BYTES (text)' : 'a floating-point tensor');
    case 'datetime':
      if (kind === 'bool') return wrong('BOOL');
      return kind === 'string' ? (v) => (typeof v === 'string' ? asTime(v) : undefined) : asTime;
    default:
      return wrong('of an unknown type');
  }
}

function dictionaryColumn(input: SignatureInput, values: readonly unknown[], kind: ValueKind, issues: string[]): Column | null {
  if (kind === 'bool' || kind === 'number') {
    issues.push(`input "${input.name}" is ${kind === 'bool' ? 'BOOL' : 'a floating-point tensor'}, but the model needs ${describe(input)}`);
    return null;
  }
  const codes = new Int32Array(values.length);
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) {
      codes[i] = -1;
      continue;
    }
    // Integer codes (zip codes, ids) are categories by their text, as batch prediction reads them.
    const s = typeof v === 'string' && kind !== 'integer' ? v : (kind === 'integer' || kind === 'any') && typeof v === 'number' && Number.isInteger(v) ? String(v) : undefined;
    if (s === undefined) {
      issues.push(`input "${input.name}" holds a value that is not ${describe(input)} (row ${i})`);
      return null;
    }
    let c = index.get(s);
    if (c === undefined) {
      c = dictionary.length;
      dictionary.push(s);
      index.set(s, c);
    }
    codes[i] = c;
  }
  return { name: input.name, type: input.type as 'categorical', codes, dictionary };
}

/** What the model wants, in the words of an error message. */
export function describe(input: SignatureInput): string {
  switch (input.type) {
    case 'numeric':
      return 'a number';
    case 'integer':
      return 'a whole number';
    case 'boolean':
      return 'a boolean';
    case 'datetime':
      return 'a date-time (ISO-8601 text or epoch milliseconds)';
    default:
      return 'text (a category)';
  }
}

function countMissing(c: Column): number {
  let n = 0;
  if ('codes' in c) {
    for (let i = 0; i < c.codes.length; i++) if (c.codes[i] < 0) n++;
  } else {
    for (let i = 0; i < c.values.length; i++) if (Number.isNaN(c.values[i])) n++;
  }
  return n;
}
