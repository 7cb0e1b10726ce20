import type { Connection, ConnectionOptions, FieldPacket } from 'mysql2';
import { redactText, redactUrl } from '../../core/index.js';
import { LatheError, firstLine } from '../../errors.js';
import type { SourceDescription } from '../../store/index.js';
import type { IngestOptions, LoadContext, OpenedSource, Source, SourceFactory } from '../source.js';
import { parseDbUrl, scrubSecret, sqlTarget } from './db-url.js';
import { type Cell, type ColumnKind, TableWriter, parseIsoDate, parseIsoTimestamp } from './table-writer.js';

/** Rows buffered from the result stream before they are appended to DuckDB. */
export const MYSQL_BATCH_ROWS = 10_000;
const TABLE = '__src';
const CONNECT_TIMEOUT_MS = 15_000;
const UNSIGNED_FLAG = 32;

/** mysql2 column type codes (`Types`) that get a DuckDB type other than VARCHAR. */
const KIND_BY_TYPE: Record<number, ColumnKind> = {
  1: 'BIGINT', // TINY (also TINYINT(1) booleans, kept as 0/1)
  2: 'BIGINT', // SHORT
  3: 'BIGINT', // LONG
  8: 'BIGINT', // LONGLONG
  9: 'BIGINT', // INT24
  13: 'BIGINT', // YEAR
  16: 'BIGINT', // BIT
  0: 'DOUBLE', // DECIMAL
  246: 'DOUBLE', // NEWDECIMAL
  4: 'DOUBLE', // FLOAT
  5: 'DOUBLE', // DOUBLE
  10: 'DATE',
  14: 'DATE', // NEWDATE
  7: 'TIMESTAMP', // read in UTC, see open()
  12: 'TIMESTAMP', // DATETIME
};

/** The DuckDB type of a result column; BIGINT UNSIGNED and BIT(64) need the unsigned range. */
function kindOf(f: FieldPacket): ColumnKind {
  const type = f.columnType ?? f.type ?? -1;
  const kind = KIND_BY_TYPE[type] ?? 'VARCHAR';
  if (type === 8 && ((f.flags as number) & UNSIGNED_FLAG)) return 'UBIGINT';
  if (type === 16 && (f.columnLength ?? 64) >= 64) return 'UBIGINT';
  return kind;
}

/** Converts a driver value (strings for big numbers, decimals and dates; Buffers for BIT and binary). */
function convert(kind: ColumnKind, v: unknown): Cell {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'BIGINT':
    case 'UBIGINT':
      return Buffer.isBuffer(v) ? (v.length === 0 ? 0n : BigInt(`0x${v.toString('hex')}`)) : BigInt(v as string | number);
    case 'DOUBLE':
      return Number(v);
    case 'DATE':
      return parseIsoDate(String(v));
    case 'TIMESTAMP':
      return parseIsoTimestamp(String(v));
    default:
      if (typeof v === 'string') return v;
      // Binary strings and blobs: hex, as PostgreSQL prints bytea, so no byte is lost or mangled.
      if (Buffer.isBuffer(v)) return `\\x${v.toString('hex')}`;
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

/**
 * A MySQL or MariaDB table or query. The result is streamed with
 * backpressure and appended to DuckDB in batches of {@link MYSQL_BATCH_ROWS}
 * rows. The session is read-only, so a query cannot change the database.
 */
export class MysqlSource implements Source {
  readonly kind = 'mysql';
  private readonly config: ConnectionOptions;
  private readonly password: string;
  private readonly label: string;
  private readonly target: { table?: string; query?: string };
  private conn: Connection | undefined;
  /** Whether the connection is healthy enough for a polite QUIT; mysql2 never calls back `end()` on a failed one. */
  private healthy = false;

  constructor(location: string, opts: IngestOptions) {
    const { url, conn, password, table } = parseDbUrl(location);
    this.password = password;
    this.label = redactUrl(conn);
    this.target = sqlTarget(opts, table, this.label, 'mysql://user@host/db#table');
    this.config = {
      host: url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
      port: url.port ? Number(url.port) : 3306,
      user: decodeURIComponent(url.username) || undefined,
      password: password || undefined,
      database: decodeURIComponent(url.pathname.slice(1)) || undefined,
      connectTimeout: CONNECT_TIMEOUT_MS,
      // Big integers and decimals as strings, dates as text: nothing loses precision or shifts by time zone.
      supportBigNumbers: true,
      bigNumberStrings: true,
      dateStrings: true,
      jsonStrings: true,
      rowsAsArray: true,
    };
  }

  describe(): SourceDescription {
    const d: SourceDescription = { kind: 'mysql', location: this.label };
    if (this.target.query !== undefined) d.query = this.target.query;
    else d.options = { table: this.target.table };
    return d;
  }

  async open(ctx: LoadContext): Promise<OpenedSource> {
    const mysql = (await import('mysql2')).default;
    const conn = mysql.createConnection(this.config);
    this.conn = conn;
    // A fatal error after connecting is emitted on the connection; without a listener it would crash the process.
    conn.on('error', () => {});
    let writer: TableWriter | undefined;
    try {
      await new Promise<void>((resolve, reject) => conn.connect((err) => (err ? reject(err) : resolve())));
      this.healthy = true;
      // TIMESTAMP columns are stored in UTC and shown in the session zone: ask for UTC so no value depends on the server's zone.
      await conn.promise().query("SET time_zone = '+00:00'");
      await conn.promise().query('SET SESSION TRANSACTION READ ONLY');
      let fields: FieldPacket[] | undefined;
      const query = conn.query({ sql: this.sql(), rowsAsArray: true });
      query.on('fields', (f: FieldPacket[]) => {
        fields = f;
      });
      let batch: unknown[][] = [];
      const flush = async () => {
        writer ??= await this.createTable(ctx, fields);
        const kinds = fields!.map(kindOf);
        const rows = batch;
        batch = [];
        this.write(writer, rows.length, (r, c) => convert(kinds[c], rows[r][c]));
        ctx.progress.update({ rows: writer.rows });
      };
      // The stream pauses the socket when its buffer is full, so the server waits while a batch is written.
      for await (const row of query.stream({ highWaterMark: MYSQL_BATCH_ROWS })) {
        batch.push(row as unknown[]);
        if (batch.length >= MYSQL_BATCH_ROWS) await flush();
      }
      await flush();
      return { relation: TABLE, rawColumns: fields!.map((f) => f.name) };
    } catch (e) {
      this.healthy = false;
      throw this.error(e);
    } finally {
      writer?.close();
    }
  }

  async close(): Promise<void> {
    const c = this.conn;
    this.conn = undefined;
    if (!c) return;
    if (this.healthy) await new Promise<void>((resolve) => c.end(() => resolve()));
    c.destroy();
  }

  private sql(): string {
    if (this.target.query !== undefined) return this.target.query;
    return `SELECT * FROM ${this.target.table!.split('.').map((p) => `\`${p.replace(/`/g, '``')}\``).join('.')}`;
  }

  private async createTable(ctx: LoadContext, fields: FieldPacket[] | undefined): Promise<TableWriter> {
    if (!fields || fields.length === 0) {
      throw new LatheError('NO_COLUMNS', `${this.label}: the statement returns no columns`, { hint: 'run a SELECT that returns at least one column' });
    }
    return TableWriter.create(ctx.engine, TABLE, fields.map((f) => ({ name: f.name, kind: kindOf(f) })));
  }

  private write(writer: TableWriter, n: number, cell: (r: number, c: number) => Cell): void {
    try {
      writer.write(n, cell);
    } catch (e) {
      throw new LatheError('PARSE_ERROR', `${this.label}: ${scrubSecret(firstLine((e as Error).message ?? String(e)), this.password)}`, {
        hint: 'cast the column to CHAR in --query to read it as a string',
        cause: e,
      });
    }
  }

  /** Maps driver and server errors to one-line LatheErrors with no secret in them. */
  private error(e: unknown): LatheError {
    if (e instanceof LatheError) return e;
    const err = e as { code?: string; sqlState?: string; sqlMessage?: string; message?: string };
    const code = err.code ?? '';
    const msg = scrubSecret(redactText(firstLine(err.sqlMessage ?? err.message ?? String(e))), this.password);
    const where = this.label;
    if (/^(ER_ACCESS_DENIED_ERROR|ER_DBACCESS_DENIED_ERROR|ER_ACCESS_DENIED_NO_PASSWORD_ERROR|ER_NOT_SUPPORTED_AUTH_MODE)$/.test(code)) {
      return new LatheError('AUTH_FAILED', `${where}: authentication failed (${msg})`, {
        hint: 'check the user name and password in the URL, and that the user may connect from this host',
        cause: e,
      });
    }
    if (code === 'ER_BAD_DB_ERROR') {
      return new LatheError('NOT_FOUND', `${where}: ${msg}`, { hint: 'check the database name, the path of the URL', cause: e });
    }
    if (err.sqlState || err.sqlMessage) {
      const hint = code === 'ER_NO_SUCH_TABLE' ? 'check the table name; write db.table for a table in another database' : 'check the SQL; it runs on the server as given';
      return new LatheError('SQL_ERROR', `${where}: ${msg}`, { hint, cause: e });
    }
    return new LatheError('CONNECTION_FAILED', `${where}: cannot connect to MySQL (${msg})`, {
      hint: 'check the host and port in the URL, and that the server is running and accepts TCP connections',
      cause: e,
    });
  }
}

/** Makes {@link MysqlSource}s for `mysql://` and `mariadb://` URLs. */
export const mysqlSourceFactory: SourceFactory = {
  kind: 'mysql',
  schemes: ['mysql', 'mariadb'],
  create: (location, opts) => new MysqlSource(location, opts),
};
