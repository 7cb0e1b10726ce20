import { LatheError } from '../errors.js';
import { readHeadBytes } from './inflate-guard.js';

const CANDIDATES = [',', '\t', ';', '|'];

/** The encodings DuckDB's CSV reader knows without the (downloaded) encodings extension. */
export const CSV_ENCODINGS = ['utf-8', 'utf-16', 'latin-1'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

const ENCODING_ALIASES: Record<string, CsvEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16': 'utf-16',
  utf16: 'utf-16',
  'latin-1': 'latin-1',
  latin1: 'latin-1',
  'iso-8859-1': 'latin-1',
  'iso8859-1': 'latin-1',
};

/** Checks an `--encoding` value and returns DuckDB's spelling of it. */
export function parseEncoding(e: string): CsvEncoding {
  const enc = ENCODING_ALIASES[e.toLowerCase()];
  if (!enc) {
    throw new LatheError('BAD_USAGE', `unknown --encoding "${e}"`, { hint: `use one of: ${CSV_ENCODINGS.join(', ')}` });
  }
  return enc;
}

/**
 * The start of a CSV file, decompressed when gzipped; at most `bytes` long.
 * The inflate stops at `bytes` of output, however small the compressed head.
 */
export function readHead(path: string, bytes = 256 * 1024): Promise<Buffer> {
  return readHeadBytes(path, bytes);
}

/**
 * Decodes a head read by {@link readHead}. In UTF-8 (the default) a byte
 * sequence that is not UTF-8 is refused here, naming the line, with the
 * `--encoding` that reads it: DuckDB would only say "CSV Error on Line: 2".
 * Not `strict` (skip mode), bad bytes are replaced and DuckDB skips their rows.
 */
export function decodeHead(head: Uint8Array, encoding: CsvEncoding, label: string, strict = true): string {
  if (encoding === 'latin-1') return new TextDecoder('latin1').decode(head);
  if (encoding === 'utf-16') return new TextDecoder(head[0] === 0xfe && head[1] === 0xff ? 'utf-16be' : 'utf-16le').decode(head);
  if (!strict) return new TextDecoder('utf-8').decode(head);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new LatheError('PARSE_ERROR', `${label} is not UTF-8: it starts with a UTF-16 byte order mark`, { hint: 'pass --encoding utf-16' });
  }
  try {
    // stream: a multi-byte character cut by the end of the head is not an error.
    return new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    throw notUtf8(label, firstBadLine(head));
  }
}

/** The refusal for bytes that are not UTF-8, naming the line when known. */
export function notUtf8(label: string, line?: number): LatheError {
  return new LatheError('PARSE_ERROR', `${label} is not UTF-8: ${line ? `line ${line} has` : 'it has'} bytes that are not valid UTF-8`, {
    hint: 'pass --encoding latin-1 (or utf-16), or save the file as UTF-8',
  });
}

/** The 1-based line holding the first invalid UTF-8 sequence. */
function firstBadLine(head: Uint8Array): number | undefined {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= head.length; i++) {
    if (i === head.length || head[i] === 0x0a) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(start, i), { stream: i === head.length });
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return undefined;
}

/** Splits text into records of fields, honouring quotes; the last partial record is dropped. */
export function splitRecords(text: string, delim: string, quote = '"', maxRecords = 200): string[][] {
  const out: string[][] = [];
  let field = '';
  let rec: string[] = [];
  let inQuotes = false;
  for (let i = 0; i < text.length && out.length < maxRecords; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === quote) {
        if (text[i + 1] === quote) {
          field += quote;
          i++;
        } else inQuotes = false;
      } else field += ch;
    } else if (ch === quote && field === '') inQuotes = true;
    else if (ch === delim) {
      rec.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      rec.push(field);
      out.push(rec);
      rec = [];
      field = '';
    } else field += ch;
  }
  return out;
}

/**
 * Picks the delimiter under which most of the first records agree on one
 * field count greater than one. DuckDB's sniffer gives up on small files
 * with a bad row in its sample; this never does, so the real error (with
 * its line number) comes from the parser instead.
 */
export function detectDelimiter(head: string, quote = '"'): string {
  let best = ',';
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const recs = splitRecords(head, d, quote).filter((r) => r.length > 1 || r[0] !== '');
    if (recs.length === 0) continue;
    const counts = new Map<number, number>();
    for (const r of recs) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let modeLen = 1;
    let modeN = 0;
    for (const [len, n] of counts) if (n > modeN || (n === modeN && len > modeLen)) [modeLen, modeN] = [len, n];
    if (modeLen < 2) continue;
    const score = (modeN / recs.length) * 1000 + modeLen;
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

/**
 * Guesses whether the first record is a header: it is when all its fields are
 * non-empty and none is a number, and some later record has a number.
 */
export function guessHeader(records: string[][]): boolean {
  if (records.length === 0) return true;
  const isNum = (s: string) => s.trim() !== '' && Number.isFinite(Number(s));
  const first = records[0];
  if (first.some((f) => f.trim() === '' || isNum(f))) return false;
  if (records.length === 1) return true;
  return records.slice(1).some((r) => r.some(isNum)) || new Set(first).size === first.length;
}
