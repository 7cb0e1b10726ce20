import type pg from 'pg';
import { redactText, redactUrl } from '../../core/index.js';
import { LatheError, firstLine } from '../../errors.js';
import type { SourceDescription } from '../../store/index.js';
import type { IngestOptions, LoadContext, OpenedSource, Source, SourceFactory } from '../source.js';
import { type Cell, type ColumnKind, TableWriter, parseIsoDate, parseIsoTimestamp } from './table-writer.js';
import { parseDbUrl, scrubSecret, sqlTarget } from './db-url.js';

/** Rows fetched from the server-side cursor per round trip. */
export const PG_BATCH_ROWS = 10_000;
/** The DuckDB table a database source is copied into. */
const TABLE = '__src';
const CONNECT_TIMEOUT_MS = 15_000;

/** Type OIDs of pg_type that get a DuckDB type other than VARCHAR. */
const KIND_BY_OID: Record<number, ColumnKind> = {
  20: 'BIGINT', // int8
  21: 'BIGINT', // int2
  23: 'BIGINT', // int4
  26: 'BIGINT', // oid
  700: 'DOUBLE', // float4
  701: 'DOUBLE', // float8
  1700: 'DOUBLE', // numeric
  16: 'BOOLEAN',
  1082: 'DATE',
  1114: 'TIMESTAMP',
  1184: 'TIMESTAMPTZ',
};

/** Every value arrives as the server's text, so nothing is lost or shifted before we convert it. */
const RAW_TEXT = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig;

/** Converts a value's text form for its column kind. */
function convert(kind: ColumnKind, v: string | null): Cell {
  if (v === null) return null;
  switch (kind) {
    case 'BIGINT':
      return BigInt(v);
    case 'DOUBLE':
      return Number(v);
    case 'BOOLEAN':
      return v === 't';
    case 'DATE':
      return parseIsoDate(v);
    case 'TIMESTAMP':
    case 'TIMESTAMPTZ':
      return parseIsoTimestamp(v);
    default:
      return v;
  }
}

/**
 * A PostgreSQL table or query. Rows are read through a server-side cursor in
 * batches of {@link PG_BATCH_ROWS} and appended to a DuckDB table, so memory
 * stays bounded whatever the table's size. The transaction is read-only, so
 * a query cannot change the database.
 */
export class PostgresSource implements Source {
  readonly kind = 'postgres';
  private readonly conn: string;
  private readonly password: string;
  private readonly label: string;
  private readonly target: { table?: string; query?: string };
  private client: pg.Client | undefined;

  constructor(location: string, opts: IngestOptions) {
    const { conn, password, table } = parseDbUrl(location);
    this.conn = conn;
    this.password = password;
    this.label = redactUrl(conn);
    this.target = sqlTarget(opts, table, this.label, 'postgres://user@host/db#table');
  }

  describe(): SourceDescription {
    const d: SourceDescription = { kind: 'postgres', location: this.label };
    if (this.target.query !== undefined) d.query = this.target.query;
    else d.options = { table: this.target.table };
    return d;
  }

  async open(ctx: LoadContext): Promise<OpenedSource> {
    const { default: pgLib } = await import('pg');
    const client = new pgLib.Client({ connectionString: this.conn, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, types: RAW_TEXT });
    this.client = client;
    // A dropped connection emits 'error' on the client; without a listener it would crash the process.
    client.on('error', () => {});
    let writer: TableWriter | undefined;
    try {
      await client.connect();
      // UTC and ISO output make timestamptz text carry "+00" and dates parse one way.
      await client.query("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'");
      await client.query('BEGIN READ ONLY');
      await client.query(`DECLARE lathe_cursor NO SCROLL CURSOR FOR ${this.sql()}`);
      const fetch = () => {
        const q = client.query<unknown[]>({ text: `FETCH ${PG_BATCH_ROWS} FROM lathe_cursor`, rowMode: 'array', types: RAW_TEXT });
        q.catch(() => {}); // awaited below; this only keeps an abandoned fetch from being an unhandled rejection
        return q;
      };
      let rawColumns: string[] = [];
      let pending = fetch();
      for (;;) {
        const res = await pending;
        const more = res.rows.length === PG_BATCH_ROWS;
        // The server sends the next batch while this one is written: at most two batches are held.
        if (more) pending = fetch();
        if (!writer) {
          rawColumns = res.fields.map((f) => f.name);
          writer = await this.createTable(ctx, res.fields);
        }
        const kinds = res.fields.map((f) => KIND_BY_OID[f.dataTypeID] ?? 'VARCHAR');
        const rows = res.rows as (string | null)[][];
        this.write(writer, rows.length, (r, c) => convert(kinds[c], rows[r][c]));
        ctx.progress.update({ rows: writer.rows });
        if (!more) break;
      }
      await client.query('COMMIT');
      return { relation: TABLE, rawColumns };
    } catch (e) {
      throw this.error(e);
    } finally {
      writer?.close();
    }
  }

  async close(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => {});
  }

  private sql(): string {
    if (this.target.query !== undefined) return this.target.query;
    // Each dotted part is quoted, so `schema.table` works and nothing else can be injected.
    return `SELECT * FROM ${this.target.table!.split('.').map((p) => `"${p.replace(/"/g, '""')}"`).join('.')}`;
  }

  private async createTable(ctx: LoadContext, fields: pg.FieldDef[]): Promise<TableWriter> {
    if (fields.length === 0) {
      throw new LatheError('NO_COLUMNS', `${this.label}: the query returns no columns`, { hint: 'select at least one column' });
    }
    return TableWriter.create(ctx.engine, TABLE, fields.map((f) => ({ name: f.name, kind: KIND_BY_OID[f.dataTypeID] ?? 'VARCHAR' })));
  }

  private write(writer: TableWriter, n: number, cell: (r: number, c: number) => Cell): void {
    try {
      writer.write(n, cell);
    } catch (e) {
      throw new LatheError('PARSE_ERROR', `${this.label}: ${scrubSecret(firstLine(String((e as Error).message ?? e)), this.password)}`, {
        hint: 'cast the column to text in --query to read it as a string',
        cause: e,
      });
    }
  }

  /** Maps driver and server errors to one-line LatheErrors with no secret in them. */
  private error(e: unknown): LatheError {
    if (e instanceof LatheError) return e;
    const err = e as { code?: string; message?: string };
    const code = err.code ?? '';
    const msg = scrubSecret(redactText(firstLine(err.message ?? String(e))), this.password);
    const where = this.label;
    if (/^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET)$/.test(code) || code.startsWith('08') || /timeout|terminated/i.test(msg)) {
      return new LatheError('CONNECTION_FAILED', `${where}: cannot connect to PostgreSQL (${msg})`, {
        hint: 'check the host and port in the URL, and that the server is running and accepts TCP connections',
        cause: e,
      });
    }
    if (code === '28P01' || code === '28000') {
      return new LatheError('AUTH_FAILED', `${where}: authentication failed (${msg})`, {
        hint: 'check the user name and password in the URL; the server must allow this user from this host',
        cause: e,
      });
    }
    if (code === '3D000') {
      return new LatheError('NOT_FOUND', `${where}: ${msg}`, { hint: 'check the database name, the path of the URL', cause: e });
    }
    if (/^[0-9A-Z]{5}$/.test(code)) {
      const hint = code === '42P01' ? 'check the table name; write schema.table for a table outside the search path' : 'check the SQL; it runs on the server as given';
      return new LatheError('SQL_ERROR', `${where}: ${msg}`, { hint, cause: e });
    }
    return new LatheError('CONNECTION_FAILED', `${where}: ${msg}`, { hint: 'check the URL and that the server is reachable', cause: e });
  }
}

/** Makes {@link PostgresSource}s for `postgres://` and `postgresql://` URLs. */
export const postgresSourceFactory: SourceFactory = {
  kind: 'postgres',
  schemes: ['postgres', 'postgresql'],
  create: (location, opts) => new PostgresSource(location, opts),
};
