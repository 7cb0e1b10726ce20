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
  const fmt = (FILE_FORMATS as readonly string[]).includes(k) ? (k as FileFormat) : BY_EXTENSION[k];
  if (!fmt) {
    throw new LatheError('UNSUPPORTED_FORMAT', `unknown format "${f}"`, { hint: `use one of: ${FILE_FORMATS.join(', ')}` });
  }
  return fmt;
}

/** Resolves the format of a source: `--format` first, then the extension. */
export function resolveFormat(path: string, forced: string | undefined, label: string): FileFormat {
  if (forced) return parseFormat(forced);
  const f = formatFromPath(path);
  if (!f) {
    throw new LatheError('UNSUPPORTED_FORMAT', `${label}: cannot tell the format from the file name`, {
      hint: `name the file with one of .csv .tsv .parquet .json .ndjson .jsonl .arrow (optionally .gz), or pass --format ${FILE_FORMATS.join('|')}`,
    });
  }
  return f;
}
