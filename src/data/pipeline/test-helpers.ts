/**
 * Small builders for the pipeline tests: frames from plain arrays and
 * plain arrays back from frames. Test-only; not exported from the folder.
 */
import assert from 'node:assert/strict';
import { Frame, type Column, type DictionaryColumn, type NumericColumn } from '../../core/index.js';
import { isLatheError, type ErrorCode } from '../../errors.js';

/** A numeric-like column; null becomes NaN. */
export function num(name: string, values: (number | null)[], type: NumericColumn['type'] = 'numeric'): NumericColumn {
  return { name, type, values: Float64Array.from(values, (v) => (v === null ? NaN : v)) };
}

/** A categorical (or text) column; null is missing. The dictionary is in order of first appearance unless given. */
export function cat(name: string, values: (string | null)[], dictionary?: string[], type: DictionaryColumn['type'] = 'categorical'): DictionaryColumn {
  const dict = dictionary ?? [...new Set(values.filter((v): v is string => v !== null))];
  const codes = Int32Array.from(values, (v) => (v === null ? -1 : dict.indexOf(v)));
  return { name, type, codes, dictionary: dict };
}

/** A frame from columns. */
export function frame(...columns: Column[]): Frame {
  return Frame.of(columns);
}

/** A numeric column's values as a plain array (NaN kept). */
export function values(f: Frame, name: string): number[] {
  const c = f.column(name);
  assert.ok('values' in c, `column ${name} is not numeric`);
  return Array.from(c.values);
}

/** A dictionary column's values as strings, null for missing. */
export function labels(f: Frame, name: string): (string | null)[] {
  const c = f.column(name);
  assert.ok('codes' in c, `column ${name} is not dictionary-encoded`);
  return Array.from(c.codes, (k) => (k < 0 ? null : c.dictionary[k]));
}

/** Asserts `fn` throws a LatheError with `code` whose message (and hint) mention every string in `mentions`. */
export function assertLathe(fn: () => unknown, code: ErrorCode, ...mentions: string[]): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(isLatheError(e), `expected a LatheError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    const text = `${e.message} — ${e.hint ?? ''}`;
    for (const m of mentions) assert.ok(text.includes(m), `"${text}" should mention "${m}"`);
    return true;
  });
}

/** Asserts two frames have the same columns, types and bit-identical arrays. */
export function assertSameFrame(a: Frame, b: Frame): void {
  assert.deepEqual(a.names, b.names);
  for (const ca of a.columns) {
    const cb = b.column(ca.name);
    assert.equal(cb.type, ca.type, ca.name);
    if ('values' in ca && 'values' in cb) assert.deepEqual(bytes(cb.values), bytes(ca.values), ca.name);
    else if ('codes' in ca && 'codes' in cb) {
      assert.deepEqual(Array.from(cb.codes, (k) => cb.dictionary[k] ?? null), Array.from(ca.codes, (k) => ca.dictionary[k] ?? null), ca.name);
    } else assert.fail(`column ${ca.name} changed storage`);
  }
}

function bytes(a: Float64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}
