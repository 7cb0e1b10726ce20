import Database from 'better-sqlite3';
import { LatheError } from '../../errors.js';
import type { Home } from '../../store/index.js';

/** What {@link MonitorStore.putLabels} did with a batch of labels. */
export interface LabelIngestResult {
  received: number;
  /** New ids stored. */
  stored: number;
  /** Ids that already had a label (in the store or earlier in the batch): the last one wins. */
  duplicates: number;
  /** Ids with no logged prediction of this model; stored and counted, never dropped. */
  unknown: number;
  /** Up to 5 of the unknown ids, to help find the mismatch. */
  unknown_sample: string[];
  /**
   * Labelled ids that more than one logged prediction of this model carries
   * (a caller reused a request id): each label joins the newest of them only.
   */
  reused_ids: number;
  /** Up to 5 of the reused ids. */
  reused_sample: string[];
}

/** One stored window report. */
export interface StoredWindow {
  model: string;
  start_ms: number;
  end_ms: number;
  first_id: number;
  last_id: number;
  rows: number;
  report: unknown;
  created: string;
}

/** One alert: fired, and cleared when its condition no longer holds. */
export interface StoredAlert {
  seq: number;
  model: string;
  rule: string;
  fired_ms: number;
  cleared_ms: number | null;
  event: unknown;
  delivery: unknown;
}

/** Where a retrain job is. */
export type JobStatus = 'running' | 'awaiting_approval' | 'canary' | 'promoted' | 'aborted' | 'failed';

/** One closed-loop retrain job; `history` is its audit trail, one entry per step. */
export interface RetrainJob {
  id: string;
  model: string;
  trigger: string;
  status: JobStatus;
  candidate: number | null;
  champion: number | null;
  created: string;
  updated: string;
  history: { at: string; step: string; status: JobStatus; detail: unknown }[];
}

/**
 * The monitoring tables (schema migration 6) on the home's SQLite file:
 * delayed labels by request id, window reports, each model's log cursor and
 * the alert history. Its own WAL connection, like the serving store.
 */
export class MonitorStore {
  private readonly db: Database.Database;

  constructor(path: string) {
    this.db = new Database(path, { timeout: 15_000 });
    this.db.pragma('journal_mode = WAL');
    const v = this.db.pragma('user_version', { simple: true }) as number;
    if (v < 6) {
      this.db.close();
      throw new LatheError('INTERNAL', `metadata database ${path} is at schema ${v}, monitoring needs 6`, { hint: 'open the home with this lathe first (any command migrates it)' });
    }
  }

  /** Opens the monitoring tables of a home (sqlite: metadata stores only). */
  static open(home: Home): MonitorStore {
    const uri = home.meta.uri;
    if (!uri.startsWith('sqlite:')) {
      throw new LatheError('UNSUPPORTED_FORMAT', `monitoring needs a sqlite: metadata store, not ${uri.split(':')[0]}:`, { hint: "unset LATHE_METADATA_URI to use the home's lathe.db" });
    }
    return new MonitorStore(uri.slice('sqlite:'.length));
  }

  /**
   * Stores labels for request ids in one transaction. A later label for the
   * same id replaces the earlier one and is counted as a duplicate; ids the
   * model never predicted for are stored and counted as unknown; ids that
   * several logged predictions share are counted as reused (the join takes
   * the newest, see {@link labeledPredictions}).
   */
  putLabels(model: string, labels: readonly { id: string; label: string | number | boolean }[], nowMs = Date.now()): LabelIngestResult {
    // Through the (model, request_id) index; `answers` counts what the label join can match.
    const logged = this.db.prepare(
      `SELECT count(*) AS rows, count(*) FILTER (WHERE row_index = 0 AND role = 'primary') AS answers
       FROM prediction_log WHERE model = ? AND request_id = ?`,
    );
    const existing = this.db.prepare('SELECT 1 FROM monitor_labels WHERE model = ? AND request_id = ?').pluck();
    const upsert = this.db.prepare(
      `INSERT INTO monitor_labels (model, request_id, label, received_ms) VALUES (?, ?, ?, ?)
       ON CONFLICT (model, request_id) DO UPDATE SET label = excluded.label, received_ms = excluded.received_ms, updates = updates + 1`,
    );
    const r: LabelIngestResult = { received: labels.length, stored: 0, duplicates: 0, unknown: 0, unknown_sample: [], reused_ids: 0, reused_sample: [] };
    const reused = new Set<string>();
    this.db.transaction(() => {
      for (const { id, label } of labels) {
        if (existing.get(model, id)) r.duplicates++;
        else r.stored++;
        const seen = logged.get(model, id) as { rows: number; answers: number };
        if (seen.rows === 0) {
          r.unknown++;
          if (r.unknown_sample.length < 5) r.unknown_sample.push(id);
        } else if (seen.answers > 1 && !reused.has(id)) {
          // An id labelled twice in the batch is still one reused id.
          reused.add(id);
          if (r.reused_sample.length < 5) r.reused_sample.push(id);
        }
        upsert.run(model, id, JSON.stringify(label), nowMs);
      }
    })();
    r.reused_ids = reused.size;
    return r;
  }

  /** Labels for these request ids (parsed back to string, number or boolean). */
  labelsFor(model: string, ids: readonly string[]): Map<string, string | number | boolean> {
    const get = this.db.prepare('SELECT label FROM monitor_labels WHERE model = ? AND request_id = ?').pluck();
    const out = new Map<string, string | number | boolean>();
    for (const id of ids) {
      const l = get.get(model, id) as string | undefined;
      if (l !== undefined) out.set(id, JSON.parse(l));
    }
    return out;
  }

  /** Types of the predictions the model logged (a sample), to check labels against. */
  predictionKinds(model: string): Set<string> {
    const rows = this.db.prepare('SELECT outputs FROM prediction_log WHERE model = ? ORDER BY id DESC LIMIT 50').pluck().all(model) as string[];
    return new Set(rows.map((o) => typeof (JSON.parse(o) as { prediction: unknown }).prediction));
  }

  /**
   * Predictions of log rows firstId…lastId that have a label, with the label:
   * the delayed-label join, done in SQL so a window's pairs stream from the
   * index. Labels join the first row (row_index 0) of their request, and
   * when a request id was reused, only the newest such prediction (the
   * highest log id): one label is one outcome, so it is counted once.
   */
  labeledPredictions(model: string, firstId: number, lastId: number): { prediction: string | number | null; label: string | number | boolean }[] {
    const rows = this.db
      .prepare(
        `SELECT p.outputs AS outputs, l.label AS label FROM prediction_log p
         JOIN monitor_labels l ON l.model = p.model AND l.request_id = p.request_id
         WHERE p.model = ? AND p.id BETWEEN ? AND ? AND p.row_index = 0 AND p.role = 'primary'
           AND p.id = (SELECT max(q.id) FROM prediction_log q
                       WHERE q.model = p.model AND q.request_id = p.request_id AND q.row_index = 0 AND q.role = 'primary')`,
      )
      .all(model, firstId, lastId) as { outputs: string; label: string }[];
    return rows.map((r) => ({ prediction: (JSON.parse(r.outputs) as { prediction: string | number | null }).prediction, label: JSON.parse(r.label) }));
  }

  putWindow(w: Omit<StoredWindow, 'created'>): void {
    this.db
      .prepare(
        `INSERT INTO monitor_windows (model, start_ms, end_ms, first_id, last_id, rows, report, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (model, start_ms) DO UPDATE SET end_ms = excluded.end_ms, first_id = excluded.first_id, last_id = excluded.last_id, rows = excluded.rows, report = excluded.report, created = excluded.created`,
      )
      .run(w.model, w.start_ms, w.end_ms, w.first_id, w.last_id, w.rows, JSON.stringify(w.report), new Date().toISOString());
  }

  listWindows(model: string): StoredWindow[] {
    const rows = this.db.prepare('SELECT * FROM monitor_windows WHERE model = ? ORDER BY start_ms').all(model) as (StoredWindow & { report: string })[];
    return rows.map((r) => ({ ...r, report: JSON.parse(r.report) }));
  }

  /** The last log id the model's monitoring has fully processed (0 at first). */
  cursor(model: string): number {
    return (this.db.prepare('SELECT last_id FROM monitor_state WHERE model = ?').pluck().get(model) as number | undefined) ?? 0;
  }

  setCursor(model: string, lastId: number): void {
    this.db
      .prepare('INSERT INTO monitor_state (model, last_id, updated) VALUES (?, ?, ?) ON CONFLICT (model) DO UPDATE SET last_id = excluded.last_id, updated = excluded.updated')
      .run(model, lastId, new Date().toISOString());
  }

  /** The alert of this rule still firing (not cleared), if any: what deduplicates an ongoing condition. */
  activeAlert(model: string, rule: string): StoredAlert | null {
    const r = this.db.prepare('SELECT * FROM monitor_alerts WHERE model = ? AND rule = ? AND cleared_ms IS NULL ORDER BY seq DESC LIMIT 1').get(model, rule) as
      | (StoredAlert & { event: string; delivery: string })
      | undefined;
    return r ? { ...r, event: JSON.parse(r.event), delivery: JSON.parse(r.delivery) } : null;
  }

  fireAlert(model: string, rule: string, atMs: number, event: unknown): number {
    return Number(this.db.prepare('INSERT INTO monitor_alerts (model, rule, fired_ms, event, delivery) VALUES (?, ?, ?, ?, ?)').run(model, rule, atMs, JSON.stringify(event), '{"status":"pending"}').lastInsertRowid);
  }

  setDelivery(seq: number, delivery: unknown): void {
    this.db.prepare('UPDATE monitor_alerts SET delivery = ? WHERE seq = ?').run(JSON.stringify(delivery), seq);
  }

  clearAlert(seq: number, atMs: number): void {
    this.db.prepare('UPDATE monitor_alerts SET cleared_ms = ? WHERE seq = ?').run(atMs, seq);
  }

  listAlerts(model: string): StoredAlert[] {
    const rows = this.db.prepare('SELECT * FROM monitor_alerts WHERE model = ? ORDER BY seq').all(model) as (StoredAlert & { event: string; delivery: string })[];
    return rows.map((r) => ({ ...r, event: JSON.parse(r.event), delivery: JSON.parse(r.delivery) }));
  }

  /** Creates a job, or returns null when the model already has one in progress (one loop at a time). */
  createJob(job: Omit<RetrainJob, 'created' | 'updated' | 'history'>, detail: unknown): RetrainJob | null {
    return this.db.transaction(() => {
      if (this.activeJob(job.model)) return null;
      const now = new Date().toISOString();
      const history = [{ at: now, step: 'triggered', status: job.status, detail }];
      this.db
        .prepare('INSERT INTO monitor_jobs (id, model, trigger, status, candidate, champion, created, updated, history) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(job.id, job.model, job.trigger, job.status, job.candidate, job.champion, now, now, JSON.stringify(history));
      return this.getJob(job.id);
    }).immediate();
  }

  /** Appends a step to a job's trail and sets its status (and candidate/champion when given). */
  stepJob(id: string, step: string, status: JobStatus, detail: unknown, set: { candidate?: number; champion?: number } = {}): RetrainJob {
    const job = this.getJob(id);
    if (!job) throw new LatheError('NOT_FOUND', `no retrain job "${id}"`, { hint: 'list jobs with `lathe monitor show <model>`' });
    const now = new Date().toISOString();
    job.history.push({ at: now, step, status, detail });
    this.db
      .prepare('UPDATE monitor_jobs SET status = ?, updated = ?, history = ?, candidate = COALESCE(?, candidate), champion = COALESCE(?, champion) WHERE id = ?')
      .run(status, now, JSON.stringify(job.history), set.candidate ?? null, set.champion ?? null, id);
    return this.getJob(id)!;
  }

  getJob(id: string): RetrainJob | null {
    const r = this.db.prepare('SELECT * FROM monitor_jobs WHERE id = ?').get(id) as (RetrainJob & { history: string }) | undefined;
    return r ? { ...r, history: JSON.parse(r.history) } : null;
  }

  /** The model's job still in progress (running, awaiting approval or in canary), if any. */
  activeJob(model: string): RetrainJob | null {
    const r = this.db.prepare(`SELECT id FROM monitor_jobs WHERE model = ? AND status IN ('running', 'awaiting_approval', 'canary') ORDER BY created DESC LIMIT 1`).pluck().get(model) as string | undefined;
    return r ? this.getJob(r) : null;
  }

  listJobs(model: string): RetrainJob[] {
    const ids = this.db.prepare('SELECT id FROM monitor_jobs WHERE model = ? ORDER BY created').pluck().all(model) as string[];
    return ids.map((id) => this.getJob(id)!);
  }

  /** Latencies of a version's primary answers logged at or after a time: the canary comparison. */
  versionLatencies(model: string, version: number, sinceMs: number): Float64Array {
    const rows = this.db
      .prepare(`SELECT latency_ms FROM prediction_log WHERE model = ? AND version = ? AND role = 'primary' AND at_ms >= ? AND row_index = 0`)
      .pluck()
      .all(model, version, sinceMs) as number[];
    return Float64Array.from(rows);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
