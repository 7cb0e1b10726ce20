import type Database from 'better-sqlite3';
import { LatheError } from '../../errors.js';
import type { NewRun, RunPatch, RunQuery, RunRecord, RunStatus } from '../run-record.js';

interface RunRow {
  id: string;
  experiment: string;
  parent: string | null;
  kind: string;
  status: RunStatus;
  started: string;
  ended: string | null;
  params: string;
  metrics: string;
  dataset: string | null;
  split: string | null;
  tags: string;
  artifacts: string;
  error: string | null;
  lathe_version: string;
  git_commit: string | null;
  host: string;
  pid: number;
  lease_until: string;
}

/** Run storage for the SQLite metadata store; kept apart so each file holds one concept. */
export class SqliteRuns {
  constructor(private readonly db: Database.Database) {}

  create(r: NewRun): RunRecord {
    const started = new Date().toISOString();
    if (r.parent && !this.db.prepare('SELECT 1 FROM runs WHERE id = ?').get(r.parent)) {
      throw new LatheError('NOT_FOUND', `parent run ${r.parent} does not exist`, { hint: 'run `lathe runs` to list runs' });
    }
    this.db
      .prepare(
        `INSERT INTO runs (id, experiment, parent, kind, status, started, ended, params, metrics, dataset, split, tags, artifacts,
           error, lathe_version, git_commit, host, pid, lease_until)
         VALUES (?, ?, ?, ?, 'RUNNING', ?, NULL, ?, '{}', ?, ?, ?, '[]', NULL, ?, ?, ?, ?, ?)`,
      )
      .run(r.id, r.experiment, r.parent, r.kind, started, JSON.stringify(r.params), json(r.dataset), json(r.split),
        JSON.stringify(r.tags ?? {}), r.lathe_version, r.git_commit, r.host, r.pid, r.lease_until);
    return this.get(r.id)!;
  }

  update(id: string, patch: RunPatch): RunRecord {
    return this.db.transaction(() => {
      const cur = this.running(id);
      const next = {
        params: { ...cur.params, ...(patch.params ?? {}) },
        metrics: { ...cur.metrics, ...(patch.metrics ?? {}) },
        tags: { ...cur.tags, ...(patch.tags ?? {}) },
        artifacts: [...cur.artifacts, ...(patch.artifacts ?? [])],
        dataset: patch.dataset !== undefined ? patch.dataset : cur.dataset,
        split: patch.split !== undefined ? patch.split : cur.split,
      };
      this.db
        .prepare('UPDATE runs SET params = ?, metrics = ?, tags = ?, artifacts = ?, dataset = ?, split = ? WHERE id = ?')
        .run(JSON.stringify(next.params), JSON.stringify(next.metrics), JSON.stringify(next.tags), JSON.stringify(next.artifacts),
          json(next.dataset), json(next.split), id);
      return this.get(id)!;
    }).immediate();
  }

  heartbeat(id: string, leaseUntil: string): void {
    this.db.prepare(`UPDATE runs SET lease_until = ? WHERE id = ? AND status = 'RUNNING'`).run(leaseUntil, id);
  }

  finish(id: string, status: Exclude<RunStatus, 'RUNNING'>, error: RunRecord['error'] | undefined, pendingId?: string): RunRecord {
    return this.db.transaction(() => {
      const cur = this.get(id);
      if (!cur) throw new LatheError('NOT_FOUND', `run ${id} does not exist`, { hint: 'run `lathe runs` to list runs' });
      if (cur.status === 'RUNNING') {
        this.db
          .prepare('UPDATE runs SET status = ?, ended = ?, error = ? WHERE id = ?')
          .run(status, new Date().toISOString(), json(error ?? null), id);
      }
      if (pendingId) this.db.prepare('DELETE FROM pending_writes WHERE id = ?').run(pendingId);
      return this.get(id)!;
    }).immediate();
  }

  logSteps(id: string, key: string, steps: readonly (readonly [number, number])[]): void {
    const ins = this.db.prepare('INSERT OR REPLACE INTO run_steps (run_id, key, step, value) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      this.running(id);
      for (const [step, value] of steps) ins.run(id, key, step, Number.isFinite(value) ? value : null);
    }).immediate();
  }

  steps(id: string, key?: string): { key: string; step: number; value: number }[] {
    const rows = (key === undefined
      ? this.db.prepare('SELECT key, step, value FROM run_steps WHERE run_id = ? ORDER BY key, step').all(id)
      : this.db.prepare('SELECT key, step, value FROM run_steps WHERE run_id = ? AND key = ? ORDER BY step').all(id, key)) as {
      key: string;
      step: number;
      value: number | null;
    }[];
    return rows.map((r) => ({ ...r, value: r.value ?? NaN }));
  }

  get(id: string): RunRecord | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row ? toRun(row) : undefined;
  }

  list(q: RunQuery = {}): RunRecord[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.experiment !== undefined) (where.push('experiment = ?'), args.push(q.experiment));
    if (q.parent !== undefined) (where.push('parent = ?'), args.push(q.parent));
    if (q.status !== undefined) (where.push('status = ?'), args.push(q.status));
    const sql = `SELECT * FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started DESC, id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, q.limit ?? 1_000_000) as RunRow[]).map(toRun);
  }

  /** True when any run lists this artifact. */
  references(sha256: string): boolean {
    return (
      this.db
        .prepare(`SELECT 1 FROM runs, json_each(runs.artifacts) a WHERE json_extract(a.value, '$.sha256') = ? LIMIT 1`)
        .get(sha256) !== undefined
    );
  }

  private running(id: string): RunRecord {
    const cur = this.get(id);
    if (!cur) throw new LatheError('NOT_FOUND', `run ${id} does not exist`, { hint: 'run `lathe runs` to list runs' });
    if (cur.status !== 'RUNNING') {
      throw new LatheError('CONFLICT', `run ${id} is ${cur.status} and can no longer change`, { hint: 'start a new run' });
    }
    return cur;
  }
}

function json(v: unknown): string | null {
  return v === null || v === undefined ? null : JSON.stringify(v);
}

function toRun(r: RunRow): RunRecord {
  return {
    ...r,
    params: JSON.parse(r.params),
    metrics: JSON.parse(r.metrics),
    dataset: r.dataset ? JSON.parse(r.dataset) : null,
    split: r.split ? JSON.parse(r.split) : null,
    tags: JSON.parse(r.tags),
    artifacts: JSON.parse(r.artifacts),
    error: r.error ? JSON.parse(r.error) : null,
  };
}
