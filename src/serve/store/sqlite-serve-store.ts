import Database from 'better-sqlite3';
import { LatheError } from '../../errors.js';
import type {
  ApiKeyRecord,
  PredictionQuery,
  PredictionRow,
  RolloutKind,
  RolloutRecord,
  ServeStore,
  ServerAuditEntry,
  StoredPredictionRow,
} from './serve-store.js';

/** Rows per multi-row INSERT (9 parameters each, well under SQLite's limit). */
const PREDICTION_BLOCK = 100;

function bindRow(args: unknown[], o: number, r: PredictionRow): unknown[] {
  args[o] = r.request_id;
  args[o + 1] = r.model;
  args[o + 2] = r.version;
  args[o + 3] = r.role;
  args[o + 4] = r.at_ms;
  args[o + 5] = r.row_index;
  args[o + 6] = r.inputs;
  args[o + 7] = r.outputs;
  args[o + 8] = r.latency_ms;
  return args;
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  detail: string | null;
}

/**
 * {@link ServeStore} on the home's SQLite file, through its own connection
 * (WAL lets the server, the CLI and the metadata store's connection share it).
 * The tables come from migration 5, applied when the home is opened.
 */
export class SqliteServeStore implements ServeStore {
  private readonly db: Database.Database;
  private readonly insertMany: (rows: readonly PredictionRow[]) => void;

  constructor(path: string) {
    this.db = new Database(path, { timeout: 15_000 });
    this.db.pragma('journal_mode = WAL');
    // The prediction log is a best-effort stream: NORMAL keeps WAL commits
    // atomic and only risks the last batches on a power cut, at a fraction of FULL's fsyncs.
    this.db.pragma('synchronous = NORMAL');
    // The log's indexes take keys in random order (request ids): a 64 MiB page
    // cache keeps their inner pages in memory instead of SQLite's 2 MiB default.
    this.db.pragma('cache_size = -65536');
    const v = this.db.pragma('user_version', { simple: true }) as number;
    if (v < 5) {
      this.db.close();
      throw new LatheError('INTERNAL', `metadata database ${path} is at schema ${v}, serving needs 5`, { hint: 'open the home with this lathe first (any command migrates it)' });
    }
    const insert = (n: number) =>
      this.db.prepare(`INSERT INTO prediction_log (request_id, model, version, role, at_ms, row_index, inputs, outputs, latency_ms) VALUES ${Array(n).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`);
    const one = insert(1);
    const block = insert(PREDICTION_BLOCK);
    this.insertMany = this.db.transaction((rows: readonly PredictionRow[]) => {
      // Multi-row statements with positional binding: several times faster
      // than one named-binding statement per row.
      const args = new Array<unknown>(PREDICTION_BLOCK * 9);
      let i = 0;
      for (; i + PREDICTION_BLOCK <= rows.length; i += PREDICTION_BLOCK) {
        for (let j = 0; j < PREDICTION_BLOCK; j++) bindRow(args, j * 9, rows[i + j]);
        block.run(args);
      }
      const last = new Array<unknown>(9);
      for (; i < rows.length; i++) one.run(bindRow(last, 0, rows[i]));
    });
  }

  async addKey(k: ApiKeyRecord): Promise<void> {
    try {
      this.db
        .prepare(`INSERT INTO api_keys (name, key_id, scope, salt, hash, created, created_by, revoked) VALUES (@name, @key_id, @scope, @salt, @hash, @created, @created_by, @revoked)`)
        .run(k);
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw new LatheError('CONFLICT', `an API key named "${k.name}" already exists`, { hint: `pick another --name, or revoke it first with \`lathe keys revoke ${k.name}\`` });
      }
      throw e;
    }
  }

  async listKeys(): Promise<ApiKeyRecord[]> {
    return this.db.prepare(`SELECT * FROM api_keys ORDER BY name`).all() as ApiKeyRecord[];
  }

  async revokeKey(name: string, at: string): Promise<ApiKeyRecord> {
    const r = this.db.prepare(`UPDATE api_keys SET revoked = ? WHERE name = ? AND revoked IS NULL`).run(at, name);
    if (r.changes === 0) throw new LatheError('NOT_FOUND', `no valid API key named "${name}"`, { hint: 'run `lathe keys list` to see the keys and whether they are revoked' });
    return this.db.prepare(`SELECT * FROM api_keys WHERE name = ?`).get(name) as ApiKeyRecord;
  }

  async listRollouts(model?: string): Promise<RolloutRecord[]> {
    const sql = `SELECT * FROM rollouts ${model === undefined ? '' : 'WHERE model = ?'} ORDER BY model, alias, kind`;
    return (model === undefined ? this.db.prepare(sql).all() : this.db.prepare(sql).all(model)) as RolloutRecord[];
  }

  async putRollout(r: RolloutRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO rollouts (model, alias, kind, version, percent, started, actor) VALUES (@model, @alias, @kind, @version, @percent, @started, @actor)
         ON CONFLICT (model, alias, kind) DO UPDATE SET version = excluded.version, percent = excluded.percent, started = excluded.started, actor = excluded.actor`,
      )
      .run(r);
  }

  async deleteRollouts(model: string, alias: string, kind?: RolloutKind): Promise<RolloutRecord[]> {
    const where = `model = ? AND alias = ?${kind ? ' AND kind = ?' : ''}`;
    const args = kind ? [model, alias, kind] : [model, alias];
    return this.db.transaction(() => {
      const rows = this.db.prepare(`SELECT * FROM rollouts WHERE ${where} ORDER BY kind`).all(...args) as RolloutRecord[];
      this.db.prepare(`DELETE FROM rollouts WHERE ${where}`).run(...args);
      return rows;
    })();
  }

  async appendAudit(e: Omit<ServerAuditEntry, 'seq'>): Promise<ServerAuditEntry> {
    const r = this.db
      .prepare(`INSERT INTO server_audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)`)
      .run(e.at, e.actor, e.action, e.target, e.detail === undefined || e.detail === null ? null : JSON.stringify(e.detail));
    return { seq: Number(r.lastInsertRowid), ...e, detail: e.detail ?? null };
  }

  async listAudit(limit = 100): Promise<ServerAuditEntry[]> {
    const rows = this.db.prepare(`SELECT * FROM (SELECT * FROM server_audit ORDER BY seq DESC LIMIT ?) ORDER BY seq`).all(limit) as AuditRow[];
    return rows.map((r) => ({ ...r, detail: r.detail === null ? null : JSON.parse(r.detail) }));
  }

  async appendPredictions(rows: readonly PredictionRow[]): Promise<void> {
    if (rows.length > 0) this.insertMany(rows);
  }

  async readPredictions(model: string, q: PredictionQuery = {}): Promise<StoredPredictionRow[]> {
    const where = ['model = @model', 'id > @sinceId'];
    if (q.sinceTime !== undefined) where.push('at_ms >= @sinceTime');
    if (q.untilTime !== undefined) where.push('at_ms < @untilTime');
    if (!q.includeShadow) where.push(`role = 'primary'`);
    const limit = Math.max(1, Math.min(100_000, Math.floor(q.limit ?? 1000)));
    return this.db
      .prepare(`SELECT * FROM prediction_log WHERE ${where.join(' AND ')} ORDER BY id LIMIT @limit`)
      .all({ model, sinceId: q.sinceId ?? 0, sinceTime: q.sinceTime, untilTime: q.untilTime, limit }) as StoredPredictionRow[];
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
