import { randomFillSync } from 'node:crypto';

const pool = new Uint8Array(8 * 1024);
let at = pool.length;
let lastMs = 0;
let seq = 0;

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix ms, then a 12-bit sequence within the
 * ms, then random bits. Ids made by one server sort by time, so the
 * prediction log's request-id index grows at its end instead of at random
 * pages, and an id tells when its request came.
 */
export function uuidv7(now = Date.now()): string {
  if (now === lastMs) seq = (seq + 1) & 0xfff;
  else {
    lastMs = now;
    seq = 0;
  }
  if (at + 8 > pool.length) {
    randomFillSync(pool);
    at = 0;
  }
  const r = pool.subarray(at, (at += 8));
  const ms = now.toString(16).padStart(12, '0');
  const hex = (b: number) => b.toString(16).padStart(2, '0');
  const variant = hex(0x80 | (r[0] & 0x3f)) + hex(r[1]);
  const tail = Array.from(r.subarray(2, 8), hex).join('');
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${seq.toString(16).padStart(3, '0')}-${variant}-${tail}`;
}
