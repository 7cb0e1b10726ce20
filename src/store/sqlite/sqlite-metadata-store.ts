import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { LatheError } from '../../errors.js';
import type {
  DatasetSummary,
  DatasetVersionRecord,
  MetadataStore,
  NewDatasetVersion,
  PendingRecord,
} from '../metadata-store.js';
import type { AliasDecision, AliasMove, ModelPatch, ModelVersionStatus, NewModelVersion } from '../model-record.js';
import type { NewRun, RunPatch, RunQuery, RunRecord, RunStatus } from '../run-record.js';
import { migrate } from './migrate.js';
import { SqliteRegistry } from './sqlite-registry.js';
import { SqliteRuns } from './sqlite-runs.js';

interface VersionRow {
  name: string;
  version: number;
  artifact: string;
  bytes: number;
  rows: number;
  columns: string;
  hash: string;
  source: string;
  lineage: string | null;
  created: string;
  profile: string | null;
}

/**
 * The embedded metadata store: one SQLite file in WAL mode. Several processes
 * may share it; writes serialise on SQLite's lock with a busy timeout.
 */
export class SqliteMetadataStore implements MetadataStore {
  readonly uri: string;
  private readonly db: Database.Database;
  private readonly runs: SqliteRuns;
  private readonly registry: SqliteRegistry;

  private constructor(uri: string, db: Database.Database) {
    this.uri = uri;
    this.db = db;
    this.runs = new SqliteRuns(db);
    this.registry = new SqliteRegistry(db);
  }

  /** Opens (and creates or migrates) the database file at `path`. */
  static open(path: string): SqliteMetadataStore {
    mkdirSync(dirname(path), { recursive: true });
    let db: Database.Database;
    try {
      db = new Database(path, { timeout: 15_000 });
    } catch (cause) {
      throw new LatheError('BAD_INPUT', `cannot open metadata database ${path}`, {
        hint: 'check the --home folder exists and is writable',
        cause,
      });
    }
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      migrate(db, path);
    } catch (e) {
      db.close();
      throw e;
    }
    return new SqliteMetadataStore(`sqlite:${path}`, db);
  }

  async schemaVersion(): Promise<number> {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  async addDatasetVersion(v: NewDatasetVersion, pendingId?: string) {
    // IMMEDIATE takes the write lock first, so the max(version) read and the
    // insert cannot interleave with another process.
    const tx = this.db.transaction(() => {
      const existing = this.db
        .prepare('SELECT * FROM dataset_versions WHERE name = ? AND hash = ?')
        .get(v.name, v.hash) as VersionRow | undefined;
      if (existing) {
        if (pendingId) this.db.prepare('DELETE FROM pending_writes WHERE id = ?').run(pendingId);
        return { record: toRecord(existing), created: false };
      }
      const next = (this.db
        .prepare('SELECT COALESCE(MAX(version), 0) + 1 AS n FROM dataset_versions WHERE name = ?')
        .get(v.name) as { n: number }).n;
      const created = new Date().toISOString();
      this.db
        .prepare(
          `INSERT INTO dataset_versions (name, version, artifact, bytes, rows, columns, hash, source, lineage, created)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(v.name, next, v.artifact, v.bytes, v.rows, JSON.stringify(v.columns), v.hash,
          JSON.stringify(v.source), v.lineage ? JSON.stringify(v.lineage) : null, created);
      if (pendingId) this.db.prepare('DELETE FROM pending_writes WHERE id = ?').run(pendingId);
      return { record: { ...v, version: next, created, profile: null }, created: true };
    });
    return tx.immediate();
  }

  async getDatasetVersion(name: string, version?: number) {
    const row = (version === undefined
      ? this.db.prepare('SELECT * FROM dataset_versions WHERE name = ? ORDER BY version DESC LIMIT 1').get(name)
      : this.db.prepare('SELECT * FROM dataset_versions WHERE name = ? AND version = ?').get(name, version)) as
      | VersionRow
      | undefined;
    return row ? toRecord(row) : undefined;
  }

  async findDatasetVersionByHash(name: string, hash: string) {
    const row = this.db.prepare('SELECT * FROM dataset_versions WHERE name = ? AND hash = ?').get(name, hash) as
      | VersionRow
      | undefined;
    return row ? toRecord(row) : undefined;
  }

  async listDatasets(): Promise<DatasetSummary[]> {
    const rows = this.db
      .prepare(
        `SELECT d.name, d.version AS latest, c.versions, d.rows, c.first AS created, d.created AS updated
         FROM dataset_versions d
         JOIN (SELECT name, COUNT(*) AS versions, MAX(version) AS maxv, MIN(created) AS first
               FROM dataset_versions GROUP BY name) c
           ON c.name = d.name AND c.maxv = d.version
         ORDER BY d.name`,
      )
      .all() as DatasetSummary[];
    return rows;
  }

  async listDatasetVersions(name: string) {
    const rows = this.db
      .prepare('SELECT * FROM dataset_versions WHERE name = ? ORDER BY version')
      .all(name) as VersionRow[];
    return rows.map(toRecord);
  }

  async setDatasetProfile(name: string, version: number, profileSha256: string, pendingId?: string) {
    this.db.transaction(() => {
      const row = this.db.prepare('SELECT profile FROM dataset_versions WHERE name = ? AND version = ?').get(name, version) as
        | { profile: string | null }
        | undefined;
      if (!row) throw new LatheError('NOT_FOUND', `dataset ${name}@${version} does not exist`, { hint: 'run `lathe datasets`' });
      if (row.profile !== null && row.profile !== profileSha256) {
        throw new LatheError('CONFLICT', `dataset ${name}@${version} already has a profile`, { hint: 'profiles are computed once and reused' });
      }
      this.db.prepare('UPDATE dataset_versions SET profile = ? WHERE name = ? AND version = ?').run(profileSha256, name, version);
      if (pendingId) this.db.prepare('DELETE FROM pending_writes WHERE id = ?').run(pendingId);
    }).immediate();
  }

  async addPending(p: PendingRecord) {
    this.db
      .prepare('INSERT INTO pending_writes (id, artifact, pid, host, created) VALUES (?, ?, ?, ?, ?)')
      .run(p.id, p.artifact, p.pid, p.host, p.created);
  }

  async removePending(id: string) {
    this.db.prepare('DELETE FROM pending_writes WHERE id = ?').run(id);
  }

  async listPending() {
    return this.db.prepare('SELECT * FROM pending_writes ORDER BY created').all() as PendingRecord[];
  }

  async isArtifactReferenced(sha256: string) {
    const inVersions = this.db.prepare('SELECT 1 FROM dataset_versions WHERE artifact = ? OR profile = ? LIMIT 1').get(sha256, sha256);
    return inVersions !== undefined || this.runs.references(sha256) || this.registry.references(sha256);
  }

  async createRun(run: NewRun) {
    return this.runs.create(run);
  }

  async updateRun(id: string, patch: RunPatch) {
    return this.runs.update(id, patch);
  }

  async heartbeatRun(id: string, leaseUntil: string) {
    this.runs.heartbeat(id, leaseUntil);
  }

  async finishRun(id: string, status: Exclude<RunStatus, 'RUNNING'>, error?: RunRecord['error'], pendingId?: string) {
    return this.runs.finish(id, status, error, pendingId);
  }

  async logRunSteps(id: string, key: string, steps: readonly (readonly [number, number])[]) {
    this.runs.logSteps(id, key, steps);
  }

  async getRunSteps(id: string, key?: string) {
    return this.runs.steps(id, key);
  }

  async getRun(id: string) {
    return this.runs.get(id);
  }

  async listRuns(q?: RunQuery) {
    return this.runs.list(q);
  }

  async runningRuns() {
    return this.runs.list({ status: 'RUNNING' });
  }

  async addModelVersion(v: NewModelVersion, patch: ModelPatch = {}, pendingId?: string) {
    return this.registry.addVersion(v, patch, pendingId);
  }

  async getModel(name: string) {
    return this.registry.model(name);
  }

  async listModels() {
    return this.registry.models();
  }

  async getModelVersion(name: string, version: number) {
    return this.registry.version(name, version);
  }

  async listModelVersions(name: string) {
    return this.registry.versions(name);
  }

  async setModelVersionStatus(name: string, version: number, status: ModelVersionStatus) {
    return this.registry.setStatus(name, version, status);
  }

  async deleteModelVersion(name: string, version: number) {
    return this.registry.deleteVersion(name, version);
  }

  async moveAlias(m: AliasMove) {
    return this.registry.moveAlias(m);
  }

  async recordAliasDecision(d: AliasDecision) {
    return this.registry.recordDecision(d);
  }

  async listAliasAudit(name: string, alias?: string) {
    return this.registry.auditTrail(name, alias);
  }

  async close() {
    if (this.db.open) this.db.close();
  }
}

function toRecord(r: VersionRow): DatasetVersionRecord {
  return {
    name: r.name,
    version: r.version,
    artifact: r.artifact,
    bytes: r.bytes,
    rows: r.rows,
    columns: JSON.parse(r.columns),
    hash: r.hash,
    source: JSON.parse(r.source),
    lineage: r.lineage ? JSON.parse(r.lineage) : null,
    created: r.created,
    profile: r.profile ?? null,
  };
}
