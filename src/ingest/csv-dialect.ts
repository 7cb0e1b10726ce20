import { closeSync, openSync, readSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const CANDIDATES = [',', '\t', ';', '|'];

/** The start of a CSV file, decompressed when gzipped; at most `bytes` long. */
export function readHead(path: string, bytes = 256 * 1024): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    let head = buf.subarray(0, n);
    if (head[0] === 0x1f && head[1] === 0x8b) {
      // A truncated gzip stream cannot finish; take what inflates.
      try {
        head = gunzipSync(head, { finishFlush: 2 /* Z_SYNC_FLUSH */ });
      } catch {
        return '';
      }
    }
    return head.toString('utf8');
  } finally {
    closeSync(fd);
  }
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
