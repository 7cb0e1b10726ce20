import { LatheError } from '../errors.js';
import { readBytes } from './inflate-guard.js';

/**
 * The deepest nesting of arrays and objects a JSON or NDJSON file may have.
 * DuckDB's JSON reader recurses once per level when it builds and copies the
 * nested type, and overflows the native stack (SIGSEGV) somewhere between
 * 2,000 and 10,000 levels; real records rarely pass 20.
 */
export const MAX_JSON_DEPTH = 1000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_SQ = 0x5b;
const CLOSE_SQ = 0x5d;
const OPEN_CURLY = 0x7b;
const CLOSE_CURLY = 0x7d;

/**
 * Tracks bracket depth over a byte stream of JSON, outside strings. It does
 * not validate JSON (DuckDB does that); it only bounds the depth, in one pass
 * over the bytes with no allocation, so it can run over every JSON file.
 */
export class JsonDepthScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The deepest level seen so far. */
  maxDepth = 0;

  constructor(private readonly limit = MAX_JSON_DEPTH) {}

  /** Scans the next bytes; returns false as soon as the depth passes the limit. */
  push(b: Uint8Array): boolean {
    let depth = this.depth;
    let inString = this.inString;
    let escaped = this.escaped;
    let max = this.maxDepth;
    const limit = this.limit;
    let ok = true;
    for (let i = 0; i < b.length; i++) {
      const c = b[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) inString = false;
      } else if (c === QUOTE) inString = true;
      else if (c === OPEN_SQ || c === OPEN_CURLY) {
        if (++depth > max) {
          max = depth;
          if (max > limit) {
            ok = false;
            break;
          }
        }
      } else if ((c === CLOSE_SQ || c === CLOSE_CURLY) && depth > 0) depth--;
    }
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    this.maxDepth = max;
    return ok;
  }
}

/** Thrown out of the read loop to stop it early. */
class TooDeep extends Error {}

/**
 * Refuses a JSON or NDJSON file (gzipped or not) nested deeper than
 * {@link MAX_JSON_DEPTH}, before DuckDB reads it. The gzip bomb guard of
 * {@link readBytes} applies on the way.
 */
export async function assertJsonDepth(path: string, label: string, limit = MAX_JSON_DEPTH): Promise<void> {
  const scanner = new JsonDepthScanner(limit);
  try {
    await readBytes(path, (b) => {
      if (!scanner.push(b)) throw new TooDeep();
    }, { label });
  } catch (e) {
    if (!(e instanceof TooDeep)) throw e;
    throw new LatheError('BAD_INPUT', `${label}: JSON nested deeper than the limit of ${limit} levels`, {
      hint: `flatten the data to at most ${limit} levels of arrays and objects`,
    });
  }
}
