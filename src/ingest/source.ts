import type { Progress } from '../core/index.js';
import type { DuckDBEngine } from '../engine/index.js';
import type { SourceDescription } from '../store/index.js';

/** What to do with rows a parser cannot read. */
export type OnError = 'fail' | 'skip';

/** Options of `lathe ingest` that shape how a source is read. All optional. */
export interface IngestOptions {
  /** Force a format instead of detecting it from the extension: csv, tsv, parquet, json, ndjson, arrow. */
  format?: string;
  /** CSV: field delimiter; detected when unset. */
  delimiter?: string;
  /** CSV: whether the first line is a header; detected when unset. */
  header?: boolean;
  /** CSV: quote character; detected when unset. */
  quote?: string;
  /** CSV: escape character; detected when unset. */
  escape?: string;
  /** CSV: the file's text encoding: utf-8 (default), utf-16 or latin-1. */
  encoding?: string;
  /** CSV: the decimal separator of numbers, `.` (default) or `,` (as in `39,1`). */
  decimal?: string;
  /** CSV: column types to force, name → DuckDB type, overriding inference. */
  types?: Record<string, string>;
  /** Databases: the SQL query to run instead of reading a whole table. */
  query?: string;
  /** Databases: the table to read (also given as the URL's `#fragment` or `?table=`). */
  table?: string;
  /** HTTP: the largest download accepted, in bytes. */
  maxBytes?: number;
  /** HTTP: also connect to loopback, private and link-local addresses (refused by default, see `core/net-policy`). */
  allowPrivateHosts?: boolean;
  /** Parse errors: fail (default) or skip and report the rows. */
  onError?: OnError;
}

/** A row that was skipped in `--on-error skip` mode. */
export interface SkippedRow {
  line: number | null;
  error: string;
}

/** Everything a source gets to load itself. */
export interface LoadContext {
  engine: DuckDBEngine;
  /** A private folder for downloads and temporary files; removed afterwards. */
  stagingDir: string;
  progress: Progress;
}

/** A source, opened: a relation DuckDB can read all rows from. */
export interface OpenedSource {
  /** A table name, view name or table function call, such as `read_csv([...])`. */
  relation: string;
  /** Columns and DuckDB types of `relation`, when the source already asked DuckDB. */
  columns?: { name: string; type: string }[];
  /** A single local Parquet file that may be stored as it is, with no rewrite. */
  passthrough?: string;
  /** Column names exactly as the source has them, when DuckDB would rename duplicates. */
  rawColumns?: string[];
  /** Bytes to read, for progress. */
  totalBytes?: number;
  /** Look for text columns that are numbers written with a decimal comma, and warn. */
  checkDecimalComma?: boolean;
  /** Rows skipped by `--on-error skip`, known once the relation has been read. */
  skipped?: () => Promise<{ count: number; sample: SkippedRow[] }>;
}

/**
 * A place data comes from. `open` makes the data readable by the engine,
 * streaming it in batches when it has to be copied, never as one JS array.
 */
export interface Source {
  readonly kind: string;
  /** A description with no secrets, stored with the version. */
  describe(): SourceDescription;
  open(ctx: LoadContext): Promise<OpenedSource>;
  /** Releases connections; called whether `open` succeeded or not. */
  close?(): Promise<void>;
}

/** Makes sources for the URL schemes it claims. */
export interface SourceFactory {
  readonly kind: string;
  /** URL schemes without the colon, such as `postgres`. */
  readonly schemes: readonly string[];
  create(location: string, opts: IngestOptions): Source;
}
