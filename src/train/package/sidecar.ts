import { TYPED_ARRAYS as CTORS, type TypedArrayName as CtorName } from '../../core/index.js';
import { LatheError } from '../../errors.js';


/** A reference left in model.json where a typed array was moved to the sidecar. */
interface ArrayRef {
  $array: CtorName;
  offset: number;
  length: number;
}

/**
 * Moves every typed array out of a document into one binary buffer
 * (8-byte aligned, little-endian as the platform), leaving references.
 * Small documents stay readable JSON; big arrays cost no base64.
 */
export function extractArrays(doc: unknown): { json: string; bin: Uint8Array } {
  const parts: Uint8Array[] = [];
  let size = 0;
  const json = JSON.stringify(doc, (_k, v) => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const name = v.constructor.name as CtorName;
      if (!(name in CTORS)) throw new LatheError('INTERNAL', `cannot store a ${name} in a model package`, { hint: 'use a Float64Array or Int32Array' });
      const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      const pad = (8 - (size % 8)) % 8;
      if (pad) parts.push(new Uint8Array(pad));
      size += pad;
      const ref: ArrayRef = { $array: name, offset: size, length: (v as unknown as { length: number }).length };
      parts.push(bytes);
      size += bytes.byteLength;
      return ref;
    }
    if (typeof v === 'number' && !Number.isFinite(v)) return { $number: String(v) };
    return v;
  });
  const bin = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    bin.set(p, at);
    at += p.byteLength;
  }
  return { json, bin };
}

/**
 * Parses model.json and puts the typed arrays back from the sidecar. Only
 * the listed array types are accepted and every reference is bounds-checked:
 * a package is data, and a hostile one must fail cleanly.
 */
export function restoreArrays<T>(json: string, bin: Uint8Array): T {
  return JSON.parse(json, (_k, v) => {
    if (v && typeof v === 'object' && typeof v.$array === 'string') {
      const Ctor = CTORS[v.$array as CtorName];
      const { offset, length } = v as ArrayRef;
      if (!Ctor || !Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0) throw corrupt();
      const bytes = length * Ctor.BYTES_PER_ELEMENT;
      if (offset + bytes > bin.byteLength) throw corrupt();
      const copy = new Uint8Array(bytes);
      copy.set(bin.subarray(offset, offset + bytes));
      return new Ctor(copy.buffer);
    }
    if (v && typeof v === 'object' && typeof v.$number === 'string' && Object.keys(v).length === 1) {
      const n = Number(v.$number);
      if (!Number.isNaN(n) || v.$number === 'NaN') return n;
      throw corrupt();
    }
    return v;
  }) as T;
}

function corrupt(): LatheError {
  return new LatheError('INTEGRITY', 'the model package has a bad array reference', { hint: 'the package is damaged; retrain or restore it' });
}
