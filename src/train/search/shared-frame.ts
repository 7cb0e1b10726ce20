import { type Column, Frame } from '../../core/index.js';

/** A column whose data lives in a SharedArrayBuffer; dictionaries are plain (small) string lists. */
export type SharedColumn =
  | { name: string; type: 'numeric' | 'integer' | 'boolean' | 'datetime'; values: SharedArrayBuffer }
  | { name: string; type: 'categorical' | 'text'; codes: SharedArrayBuffer; dictionary: readonly string[] };

/** A frame that can be posted to worker threads without copying its arrays. */
export interface SharedFrame {
  rows: number;
  columns: SharedColumn[];
}

/**
 * Copies a frame's typed arrays into SharedArrayBuffers, once. Posting the
 * result to a worker shares the memory (structured clone passes a
 * SharedArrayBuffer by reference), so every worker reads the same bytes.
 */
export function shareFrame(frame: Frame): SharedFrame {
  const columns = frame.columns.map((c): SharedColumn => {
    if ('codes' in c) return { name: c.name, type: c.type, codes: toShared(c.codes), dictionary: c.dictionary };
    return { name: c.name, type: c.type, values: toShared(c.values) };
  });
  return { rows: frame.rows, columns };
}

/** A Frame over the shared buffers (views, no copy). */
export function frameFromShared(s: SharedFrame): Frame {
  const columns = s.columns.map((c): Column => {
    if ('codes' in c) return { name: c.name, type: c.type, codes: new Int32Array(c.codes), dictionary: c.dictionary };
    return { name: c.name, type: c.type, values: new Float64Array(c.values) };
  });
  return Frame.of(columns, s.rows);
}

/** A shared copy of a typed array's bytes. */
export function toShared(a: Float64Array | Int32Array): SharedArrayBuffer {
  const buf = new SharedArrayBuffer(a.byteLength);
  new Uint8Array(buf).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return buf;
}
