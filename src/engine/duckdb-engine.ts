import { DuckDBInstance, type DuckDBConnection, type DuckDBMaterializedResult } from '@duckdb/node-api';
import { cpus } from 'node:os';
import { quoteLiteral } from './sql.js';

/** Options for {@link DuckDBEngine.open}. */
export interface EngineOptions {
  /** Where DuckDB may spill when a query exceeds memory. */
  tempDir?: string;
  /** DuckDB `memory_limit`, e.g. `4GB`. Default: DuckDB's own (80% of RAM). */
  memoryLimit?: string;
  /** Worker threads; default every core. */
  threads?: number;
}

/**
 * The data engine: one in-process DuckDB database and connection. Every
 * source, snapshot and query of Lathe runs through it. It is in-memory but
 * spills to `tempDir`, so larger-than-memory data still flows.
 */
export class DuckDBEngine {
  readonly instance: DuckDBInstance;
  readonly conn: DuckDBConnection;

  private constructor(instance: DuckDBInstance, conn: DuckDBConnection) {
    this.instance = instance;
    this.conn = conn;
  }

  static async open(opts: EngineOptions = {}): Promise<DuckDBEngine> {
    const config: Record<string, string> = {
      threads: String(opts.threads ?? Math.max(1, cpus().length)),
      // Downloads of extensions cannot work on these machines; fail fast instead of hanging.
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    };
    if (opts.tempDir) config.temp_directory = opts.tempDir;
    if (opts.memoryLimit) config.memory_limit = opts.memoryLimit;
    const instance = await DuckDBInstance.create(':memory:', config);
    const conn = await instance.connect();
    // Progress is tracked for our own bar; DuckDB must not print its own.
    await conn.run('SET enable_progress_bar = true');
    await conn.run('SET enable_progress_bar_print = false');
    return new DuckDBEngine(instance, conn);
  }

  /** Runs a statement and materialises its (small) result. */
  run(sql: string): Promise<DuckDBMaterializedResult> {
    return this.conn.run(sql);
  }

  /** Runs a query and returns its rows as plain JS objects; for small results only. */
  async rows<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    const r = await this.conn.runAndReadAll(sql);
    return r.getRowObjectsJS() as T[];
  }

  /** Columns and DuckDB types of a relation or query. */
  async describe(relation: string): Promise<{ name: string; type: string }[]> {
    const r = await this.rows<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${relation}`);
    return r.map((x) => ({ name: x.column_name, type: x.column_type }));
  }

  /**
   * Locks the engine down before running user SQL: no file or network access
   * outside `allowed` directories, and no configuration changes afterwards.
   */
  async sandbox(allowed: string[]): Promise<void> {
    const list = allowed.map((d) => quoteLiteral(d.endsWith('/') ? d : `${d}/`)).join(', ');
    await this.run(`SET allowed_directories = [${list}]`);
    await this.run('SET enable_external_access = false');
    await this.run('SET lock_configuration = true');
  }

  /** Percent done of the running query, or -1 when unknown. */
  progress(): number {
    try {
      return this.conn.progress.percentage;
    } catch {
      return -1;
    }
  }

  close(): void {
    try {
      this.conn.closeSync();
    } finally {
      this.instance.closeSync();
    }
  }
}
