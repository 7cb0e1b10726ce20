import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { LatheError } from '../errors.js';

/**
 * Decompressed output past which the compression ratio is checked. Below it,
 * any ratio is fine: a small file cannot exhaust anything.
 */
export const GZIP_RATIO_FLOOR_BYTES = 16 * 1024 ** 2;
/**
 * The largest accepted ratio of decompressed to compressed bytes, once past
 * {@link GZIP_RATIO_FLOOR_BYTES}. Real tables compress 3:1 to 30:1; deflate
 * tops out near 1032:1, which only long runs of one byte or line reach.
 */
export const GZIP_MAX_RATIO = 200;
/** Compressed bytes fed to the inflater at a time, so the ratio is checked often. */
const IN_CHUNK = 64 * 1024;

/** True when the file starts with the gzip magic bytes. */
export function isGzipFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(2);
    return readSync(fd, b, 0, 2, 0) === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/** Options of {@link readBytes}. */
export interface ReadBytesOptions {
  /** Stop after this many (decompressed) bytes; default: the whole file. */
  limit?: number;
  /** For messages. */
  label?: string;
}

/**
 * Streams a file's bytes to `onChunk`, inflating it when it is gzipped. The
 * inflate is bounded by bytes produced, not read: it stops at `limit`, and
 * a stream whose output passes {@link GZIP_RATIO_FLOOR_BYTES} at more than
 * {@link GZIP_MAX_RATIO} times the compressed bytes read so far is refused
 * as a gzip bomb (TOO_LARGE) before it fills memory or disk. A truncated or
 * corrupt gzip stream ends the read quietly when a `limit` is set (a head is
 * all that was asked for), and is a PARSE_ERROR otherwise.
 *
 * Returns the bytes delivered.
 */
export async function readBytes(path: string, onChunk: (b: Buffer) => void, opts: ReadBytesOptions = {}): Promise<number> {
  const limit = opts.limit ?? Infinity;
  const label = opts.label ?? path;
  const gz = isGzipFile(path);
  const input = createReadStream(path, { highWaterMark: IN_CHUNK });
  let produced = 0;
  // Errors thrown by the caller's onChunk pass through untouched.
  let fromCaller = false;
  const deliver = (b: Buffer): boolean => {
    const room = limit - produced;
    const part = b.length > room ? b.subarray(0, room) : b;
    produced += part.length;
    if (part.length > 0) {
      fromCaller = true;
      onChunk(part);
      fromCaller = false;
    }
    return produced >= limit;
  };
  if (!gz) {
    try {
      for await (const chunk of input as AsyncIterable<Buffer>) if (deliver(chunk)) break;
    } finally {
      input.destroy();
    }
    return produced;
  }
  const gunzip = createGunzip({ chunkSize: 64 * 1024 });
  // pipe() does not forward read errors; without this the loop would wait for ever.
  input.on('error', (e) => gunzip.destroy(e));
  input.pipe(gunzip);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      if (deliver(chunk)) break;
      if (produced > GZIP_RATIO_FLOOR_BYTES && produced > GZIP_MAX_RATIO * Math.max(gunzip.bytesWritten, 1)) {
        throw new LatheError('TOO_LARGE', `${label}: the gzip stream inflates more than ${GZIP_MAX_RATIO}:1 (a gzip bomb?) and was refused`, {
          hint: `real data compresses far less; if the file is genuine, decompress it yourself (gunzip) and ingest the result`,
        });
      }
    }
  } catch (e) {
    if (e instanceof LatheError || fromCaller) throw e;
    if (limit !== Infinity) return produced;
    throw new LatheError('PARSE_ERROR', `${label}: the gzip stream is corrupt or truncated (${(e as Error).message})`, {
      hint: 'check the file downloaded completely: gzip -t <file>',
      cause: e,
    });
  } finally {
    input.unpipe(gunzip);
    input.destroy();
    gunzip.destroy();
  }
  return produced;
}

/** The first `bytes` bytes of a file, decompressed when gzipped. */
export async function readHeadBytes(path: string, bytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  await readBytes(path, (b) => parts.push(b), { limit: bytes });
  return Buffer.concat(parts);
}
