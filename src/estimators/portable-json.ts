import { TYPED_ARRAYS as CTORS, type TypedArrayName as TypedName } from '../core/index.js';

/**
 * A JSON encoding that keeps typed arrays exact: each becomes
 * `{"$typed": "Float64Array", "base64": "…"}`. Used to round-trip estimator
 * state through text; the model package stores large arrays as sidecars instead.
 */

/** Serialises a value with typed arrays to a JSON string. */
export function toPortableJSON(value: unknown): string {
  return JSON.stringify(value, (_k, v) => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const name = v.constructor.name as TypedName;
      if (!(name in CTORS)) throw new Error(`cannot encode ${name}`);
      return { $typed: name, base64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
    }
    return v;
  });
}

/** Parses a string made by {@link toPortableJSON}, restoring typed arrays. */
export function fromPortableJSON<T = unknown>(text: string): T {
  return JSON.parse(text, (_k, v) => {
    if (v && typeof v === 'object' && typeof v.$typed === 'string' && typeof v.base64 === 'string') {
      const Ctor = CTORS[v.$typed as TypedName];
      if (!Ctor) throw new Error(`unknown typed array ${v.$typed}`);
      const buf = Buffer.from(v.base64, 'base64');
      const copy = new Uint8Array(buf.byteLength);
      copy.set(buf);
      return new Ctor(copy.buffer);
    }
    return v;
  }) as T;
}
