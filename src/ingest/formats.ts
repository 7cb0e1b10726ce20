import { LatheError } from '../errors.js';

/** File formats Lathe reads, by name. */
export const FILE_FORMATS = ['csv', 'tsv', 'parquet', 'json', 'ndjson', 'arrow'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

const BY_EXTENSION: Record<string, FileFormat> = {
  csv: 'csv',
  txt: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  parquet: 'parquet',
  pq: 'parquet',
  json: 'json',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  arrow: 'arrow',
  ipc: 'arrow',
  feather: 'arrow',
  arrows: 'arrow',
};

/** The format of a path from its extension (after `.gz`), or undefined. */
export function formatFromPath(path: string): FileFormat | undefined {
  const name = path.toLowerCase().replace(/[?#].*$/, '').replace(/\.(gz|gzip)$/, '');
  const dot = name.lastIndexOf('.');
  if (dot < 0 || dot < name.lastIndexOf('/')) return undefined;
  return BY_EXTENSION[name.slice(dot + 1)];
}

/** Checks a `--format` value. */
export function parseFormat(f: string): FileFormat {
  const k = f.toLowerCase();
  if (EXCEL_EXTENSIONS.includes(k) || k === 'excel') throw excelError(`--format ${f}`);
  const fmt = (FILE_FORMATS as readonly string[]).includes(k) ? (k as FileFormat) : BY_EXTENSION[k];
  if (!fmt) {
    throw new LatheError('UNSUPPORTED_FORMAT', `unknown format "${f}"`, { hint: `use one of: ${FILE_FORMATS.join(', ')}` });
  }
  return fmt;
}

/** Spreadsheet extensions that get their own refusal instead of "unknown format". */
const EXCEL_EXTENSIONS = ['xlsx', 'xlsm', 'xlsb', 'xls', 'ods'];

/** The refusal for an Excel (or OpenDocument) workbook, however it was recognised. */
export function excelError(label: string): LatheError {
  return new LatheError('UNSUPPORTED_FORMAT', `${label}: an Excel workbook, and Lathe does not read Excel files`, {
    hint: 'export the sheet to CSV (File > Save As > CSV UTF-8) or Parquet, and ingest that file',
  });
}

/**
 * True when the bytes start like an Excel workbook: the OLE2 header of .xls,
 * or a zip whose first entries name `xl/` or `[Content_Types].xml` (.xlsx).
 */
export function looksLikeExcel(head: Uint8Array): boolean {
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (head.length >= 8 && ole.every((b, i) => head[i] === b)) return true;
  if (head.length < 4 || head[0] !== 0x50 || head[1] !== 0x4b || head[2] !== 0x03 || head[3] !== 0x04) return false;
  const text = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1');
  return text.includes('xl/') || text.includes('[Content_Types].xml') || text.includes('opendocument.spreadsheet');
}

/** Resolves the format of a source: `--format` first, then the extension. */
export function resolveFormat(path: string, forced: string | undefined, label: string): FileFormat {
  if (forced) return parseFormat(forced);
  const f = formatFromPath(path);
  const ext = /\.([a-z0-9]+)$/i.exec(path.replace(/[?#].*$/, ''))?.[1]?.toLowerCase();
  if (!f && ext && EXCEL_EXTENSIONS.includes(ext)) throw excelError(label);
  if (!f) {
    throw new LatheError('UNSUPPORTED_FORMAT', `${label}: cannot tell the format from the file name`, {
      hint: `name the file with one of .csv .tsv .parquet .json .ndjson .jsonl .arrow (optionally .gz), or pass --format ${FILE_FORMATS.join('|')}`,
    });
  }
  return f;
}
