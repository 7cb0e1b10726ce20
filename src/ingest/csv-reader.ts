import { LatheError } from '../errors.js';
import { quoteIdent, quoteLiteral } from '../engine/index.js';
import { type CsvEncoding, decodeHead, detectDelimiter, guessHeader, parseEncoding, readHead, splitRecords } from './csv-dialect.js';
import { isGzipFile, readBytes } from './inflate-guard.js';
import { isSniffFailure, readerError } from './duckdb-errors.js';
import type { IngestOptions, LoadContext, OpenedSource, SkippedRow } from './source.js';

const REJECTS = '__rejects';

/**
 * Opens CSV/TSV files (plain or gzipped) as a `read_csv` relation. The
 * delimiter is detected here and handed to DuckDB, which detects quoting,
 * header and types; any of them can be forced through `opts`.
 */
export async function openCsv(
  paths: string[],
  opts: IngestOptions,
  ctx: LoadContext,
  label: string,
  defaultDelimiter?: string,
): Promise<OpenedSource> {
  const encoding: CsvEncoding = opts.encoding ? parseEncoding(opts.encoding) : 'utf-8';
  const decimal = parseDecimal(opts.decimal);
  // Every gzipped file is inflated once, bounded, so a gzip bomb is refused
  // here rather than filling the disk while DuckDB reads it. Plain files need
  // no such pass: their size on disk is their size.
  for (const p of paths) if (isGzipFile(p)) await readBytes(p, () => {}, { label: paths.length === 1 ? label : p });
  const head = decodeHead(await readHead(paths[0]), encoding, paths.length === 1 ? label : paths[0], opts.onError !== 'skip');
  if (head.trim() === '') {
    throw new LatheError('EMPTY_SOURCE', `${label}: the file is empty`, { hint: 'ingest a file with a header and rows' });
  }
  const quote = opts.quote ?? '"';
  const delim = opts.delimiter ?? defaultDelimiter ?? detectDelimiter(head, quote);
  const records = splitRecords(head, delim, quote);
  const skip = opts.onError === 'skip';
  const base = [
    `[${paths.map(quoteLiteral).join(', ')}]`,
    `delim=${quoteLiteral(delim)}`,
    `quote=${quoteLiteral(quote)}`,
    `escape=${quoteLiteral(opts.escape ?? quote)}`,
    // DuckDB's sniffer may decide to skip leading lines to fit a bad row; never.
    'skip=0',
    ...(encoding !== 'utf-8' ? [`encoding=${quoteLiteral(encoding)}`] : []),
    ...(decimal === ',' ? [`decimal_separator=','`] : []),
  ];
  if (decimal === ',' && delim === ',') {
    throw new LatheError('BAD_USAGE', `${label}: --decimal , needs a field delimiter other than ","`, {
      hint: 'pass --delimiter ";" (the usual delimiter of files with decimal commas)',
    });
  }
  const rejects = skip ? ['ignore_errors=true', 'store_rejects=true', `rejects_table=${quoteLiteral(REJECTS)}`, `rejects_scan='__rejects_scan'`] : [];
  const sniffArgs = [...base.slice(1), ...(skip ? ['ignore_errors=true'] : [])];
  if (opts.header !== undefined) sniffArgs.push(`header=${opts.header}`);
  if (opts.types && Object.keys(opts.types).length > 0) {
    sniffArgs.push(`types={${Object.entries(opts.types).map(([k, v]) => `${quoteLiteral(k)}: ${quoteLiteral(v)}`).join(', ')}}`);
  }
  let relation: string;
  let header: boolean;
  let cols: { name: string; type: string }[] | undefined;
  try {
    // Sniff once and read with the result fixed (auto_detect=false): DuckDB
    // would otherwise sniff again when the COPY binds.
    const [sniffed] = await ctx.engine.rows<{ Prompt: string }>(`SELECT Prompt FROM sniff_csv(${quoteLiteral(paths[0])}, ${sniffArgs.join(', ')})`);
    relation = fromPrompt(sniffed.Prompt, base[0], rejects);
    cols = await ctx.engine.describe(relation);
    header = opts.header ?? looksLikeHeader(cols.map((c) => c.name), records[0] ?? []);
  } catch (e) {
    if (!isSniffFailure(e)) throw readerError(e, label);
    // DuckDB could not settle on a dialect because a bad row sits in its
    // sample. Read every field as text with the dialect fixed; a bad row then
    // fails (or is skipped) with its line number, like anywhere else.
    // A head with no complete record (one line, no newline) still has a first record.
    const first = records[0] ?? splitRecords(`${head}\n`, delim, quote, 1)[0] ?? [''];
    header = opts.header ?? guessHeader(records.length > 0 ? records : [first]);
    const names = header ? first : Array.from({ length: first.length }, (_, i) => `column${i}`);
    assertUniqueNames(names, label);
    const columns = names.map((n) => `${quoteLiteral(n)}: 'VARCHAR'`).join(', ');
    relation = `read_csv(${[...base, ...rejects, `header=${header}`, 'auto_detect=false', `columns={${columns}}`].join(', ')})`;
  }
  return {
    relation,
    columns: cols,
    rawColumns: header ? records[0] : undefined,
    skipped: skip ? () => readRejects(ctx) : undefined,
    checkDecimalComma: decimal !== ',',
  };
}

/** Checks a `--decimal` value. */
function parseDecimal(d: string | undefined): '.' | ',' {
  if (d === undefined || d === '.' || d === ',') return d ?? '.';
  throw new LatheError('BAD_USAGE', `unknown --decimal "${d}"`, { hint: 'use --decimal , for numbers such as 39,1 (or . , the default)' });
}

/**
 * Rebuilds `read_csv(<files>, <sniffed options>)` from sniff_csv's prompt,
 * which names only the first file, with the whole file list and extra options.
 */
function fromPrompt(prompt: string, fileList: string, extra: string[]): string {
  const m = /^FROM read_csv\('(?:[^']|'')*', (.*)\);?\s*$/s.exec(prompt.trim());
  if (!m) throw new LatheError('INTERNAL', 'DuckDB sniff_csv returned an unexpected prompt', { hint: 'report this with the file' });
  const opts = m[1].replace(/\)\s*$/, '');
  const more = extra.filter((x) => !opts.includes(`${x.split('=')[0]}=`));
  return `read_csv(${[fileList, opts, ...more].join(', ')})`;
}

/** True when DuckDB took the first record as the header (allowing its `_1` renames of duplicates). */
function looksLikeHeader(names: string[], first: string[]): boolean {
  if (first.length === 0 || names.length !== first.length) return false;
  return names.every((n, i) => n === first[i] || (first[i] !== '' && n.startsWith(`${first[i]}_`)) || (first[i] === '' && /^column\d+$/.test(n)));
}

function assertUniqueNames(names: string[], label: string): void {
  const seen = new Set<string>();
  for (const n of names) {
    const k = n.toLowerCase();
    if (seen.has(k)) {
      throw new LatheError('DUPLICATE_COLUMN', `${label}: column name "${n}" appears more than once`, {
        hint: 'rename the columns so each is unique (names are case-insensitive)',
      });
    }
    seen.add(k);
  }
}

async function readRejects(ctx: LoadContext): Promise<{ count: number; sample: SkippedRow[] }> {
  let rows: { line: bigint | number | null; error_message: string; csv_line: string | null }[];
  try {
    rows = await ctx.engine.rows(`SELECT line, error_message, csv_line FROM ${quoteIdent(REJECTS)} ORDER BY line`);
  } catch {
    // DuckDB creates the table only when a scan stored rejects.
    return { count: 0, sample: [] };
  }
  const lines = new Set(rows.map((r) => String(r.line)));
  const sample = rows.slice(0, 5).map((r) => ({
    line: r.line === null ? null : Number(r.line),
    error: `${r.error_message}${r.csv_line ? `: ${r.csv_line.replace(/\s+$/, '').slice(0, 120)}` : ''}`,
  }));
  return { count: lines.size, sample };
}
