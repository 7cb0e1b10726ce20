import { LatheError, firstLine } from '../errors.js';
import { notUtf8 } from './csv-dialect.js';

/**
 * Turns a DuckDB reader error into a one-line LatheError that names the
 * source and, where DuckDB says it, the line. DuckDB's own messages run to
 * many lines of advice written for its SQL users; only the facts are kept.
 */
export function readerError(e: unknown, label: string): LatheError {
  if (e instanceof LatheError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  const line = /CSV Error on Line: (\d+)/.exec(msg)?.[1];
  const where = line ? `${label}: line ${line}` : label;
  if (/Invalid unicode|not utf-8 encoded/i.test(msg)) return notUtf8(label, line ? Number(line) : undefined);
  const cols = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(msg);
  if (cols) {
    return new LatheError('PARSE_ERROR', `${where}: expected ${cols[1]} columns, found ${cols[2]}`, {
      hint: 'fix the row, or pass --on-error skip to skip bad rows',
      cause: e,
    });
  }
  if (/unterminated quote/i.test(msg)) {
    return new LatheError('PARSE_ERROR', `${where}: a quoted value is never closed`, {
      hint: 'close the quote, set --quote to the right character, or pass --on-error skip',
      cause: e,
    });
  }
  const conv = /Could not convert string "([^"]{0,40})[^"]*" to '([A-Z]+)'/.exec(msg);
  const col = /column "?([^"\n]+?)"?[. ]/i.exec(msg.slice(msg.indexOf('Column') >= 0 ? msg.indexOf('Column') : 0))?.[1];
  if (conv) {
    return new LatheError('PARSE_ERROR', `${where}: value "${conv[1]}"${col ? ` in column "${col}"` : ''} is not a ${conv[2]}`, {
      hint: `force the column's type with --types ${col ?? 'name'}=VARCHAR, or pass --on-error skip`,
      cause: e,
    });
  }
  if (/Malformed JSON|JSON transform error|JSON/.test(msg) && /Invalid Input Error/.test(msg)) {
    const detail = /(at byte \d+[^:]*: [^\n.]*)/.exec(msg)?.[1] ?? firstLine(msg).replace(/^Invalid Input Error: /, '');
    return new LatheError('PARSE_ERROR', `${where}: malformed JSON ${detail}`.trim(), {
      hint: 'check the file is a JSON array of records or one JSON object per line (NDJSON); set --format',
      cause: e,
    });
  }
  if (/too small to be a Parquet file|No magic bytes|not a parquet file|Invalid Parquet|parquet/i.test(msg)) {
    return new LatheError('PARSE_ERROR', `${where}: not a readable Parquet file (${cleanDuck(msg)})`, {
      hint: 'check the file is Parquet, or set --format to its real format',
      cause: e,
    });
  }
  if (/No files found/.test(msg)) {
    return new LatheError('NOT_FOUND', `${label}: no such file`, { hint: 'check the path', cause: e });
  }
  return new LatheError('PARSE_ERROR', `${where}: ${cleanDuck(msg)}`, {
    hint: 'check the file and its format; options: --format, --delimiter, --header, --quote, --on-error skip',
    cause: e,
  });
}

/** The first line of a DuckDB message without its "X Error:" prefix. */
export function cleanDuck(msg: string): string {
  return firstLine(msg).replace(/^[A-Za-z ]+Error: /, '').slice(0, 300);
}

/** True for DuckDB's "could not sniff the dialect" failure. */
export function isSniffFailure(e: unknown): boolean {
  return e instanceof Error && /Error when sniffing file|not possible to automatically detect the CSV/i.test(e.message);
}
