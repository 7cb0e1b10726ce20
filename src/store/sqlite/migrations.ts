/**
 * Versioned schema migrations for the SQLite metadata store. Each entry moves
 * the schema from `version - 1` to `version`. Entries are append-only: a
 * released migration is never edited, a change is a new entry.
 */
export interface Migration {
  version: number;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE dataset_versions (
        name      TEXT NOT NULL,
        version   INTEGER NOT NULL,
        artifact  TEXT NOT NULL,
        bytes     INTEGER NOT NULL,
        rows      INTEGER NOT NULL,
        columns   TEXT NOT NULL,
        hash      TEXT NOT NULL,
        source    TEXT NOT NULL,
        lineage   TEXT,
        created   TEXT NOT NULL,
        PRIMARY KEY (name, version),
        UNIQUE (name, hash)
      );
      CREATE INDEX dataset_versions_artifact ON dataset_versions(artifact);
      CREATE TABLE pending_writes (
        id        TEXT PRIMARY KEY,
        artifact  TEXT NOT NULL,
        pid       INTEGER NOT NULL,
        host      TEXT NOT NULL,
        created   TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    sql: `
      ALTER TABLE dataset_versions ADD COLUMN profile TEXT;
    `,
  },
  {
    version: 3,
    sql: `
      CREATE TABLE runs (
        id          TEXT PRIMARY KEY,
        experiment  TEXT NOT NULL,
        parent      TEXT REFERENCES runs(id),
        kind        TEXT NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('RUNNING', 'FINISHED', 'FAILED', 'KILLED')),
        started     TEXT NOT NULL,
        ended       TEXT,
        params      TEXT NOT NULL,
        metrics     TEXT NOT NULL,
        dataset     TEXT,
        split       TEXT,
        tags        TEXT NOT NULL,
        artifacts   TEXT NOT NULL,
        error       TEXT,
        lathe_version TEXT NOT NULL,
        git_commit  TEXT,
        host        TEXT NOT NULL,
        pid         INTEGER NOT NULL,
        lease_until TEXT NOT NULL
      );
      CREATE INDEX runs_experiment ON runs(experiment, started);
      CREATE INDEX runs_parent ON runs(parent);
      CREATE INDEX runs_status ON runs(status);
      CREATE TABLE run_steps (
        run_id  TEXT NOT NULL REFERENCES runs(id),
        key     TEXT NOT NULL,
        step    INTEGER NOT NULL,
        value   REAL,
        PRIMARY KEY (run_id, key, step)
      );
    `,
  },
  {
    version: 4,
    sql: `
      CREATE TABLE models (
        name          TEXT PRIMARY KEY,
        description   TEXT NOT NULL,
        tags          TEXT NOT NULL,
        last_version  INTEGER NOT NULL DEFAULT 0,
        created       TEXT NOT NULL,
        updated       TEXT NOT NULL
      );
      CREATE TABLE model_versions (
        model       TEXT NOT NULL REFERENCES models(name),
        version     INTEGER NOT NULL,
        artifact    TEXT NOT NULL,
        format      TEXT NOT NULL CHECK (format IN ('lathe', 'onnx')),
        task        TEXT,
        signature   TEXT,
        metrics     TEXT NOT NULL,
        lineage     TEXT NOT NULL,
        source      TEXT NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('READY', 'ARCHIVED')),
        created     TEXT NOT NULL,
        created_by  TEXT NOT NULL,
        PRIMARY KEY (model, version),
        UNIQUE (model, artifact)
      );
      CREATE INDEX model_versions_artifact ON model_versions(artifact);
      CREATE TABLE model_aliases (
        model    TEXT NOT NULL,
        alias    TEXT NOT NULL,
        version  INTEGER NOT NULL,
        updated  TEXT NOT NULL,
        PRIMARY KEY (model, alias),
        FOREIGN KEY (model, version) REFERENCES model_versions(model, version)
      );
      CREATE TABLE alias_audit (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        model        TEXT NOT NULL,
        alias        TEXT NOT NULL,
        action       TEXT NOT NULL CHECK (action IN ('set', 'remove', 'promote', 'promote_refused')),
        old_version  INTEGER,
        new_version  INTEGER,
        actor        TEXT NOT NULL,
        at           TEXT NOT NULL,
        message      TEXT,
        decision     TEXT
      );
      CREATE INDEX alias_audit_model ON alias_audit(model, alias, seq);
      CREATE TRIGGER alias_audit_no_update BEFORE UPDATE ON alias_audit
        BEGIN SELECT RAISE(ABORT, 'the alias audit trail is append-only'); END;
      CREATE TRIGGER alias_audit_no_delete BEFORE DELETE ON alias_audit
        BEGIN SELECT RAISE(ABORT, 'the alias audit trail is append-only'); END;
    `,
  },
  {
    // Online serving (src/serve): API keys (salted hashes only), live
    // rollouts (canary and shadow per alias), the server's append-only audit
    // log, and the prediction log the monitoring component reads.
    version: 5,
    sql: `
      CREATE TABLE api_keys (
        name        TEXT PRIMARY KEY,
        key_id      TEXT NOT NULL UNIQUE,
        scope       TEXT NOT NULL CHECK (scope IN ('read', 'predict', 'admin')),
        salt        TEXT NOT NULL,
        hash        TEXT NOT NULL,
        created     TEXT NOT NULL,
        created_by  TEXT NOT NULL,
        revoked     TEXT
      );
      CREATE TABLE rollouts (
        model    TEXT NOT NULL,
        alias    TEXT NOT NULL,
        kind     TEXT NOT NULL CHECK (kind IN ('canary', 'shadow')),
        version  INTEGER NOT NULL,
        percent  REAL NOT NULL CHECK (percent >= 0 AND percent <= 100),
        started  TEXT NOT NULL,
        actor    TEXT NOT NULL,
        PRIMARY KEY (model, alias, kind)
      );
      CREATE TABLE server_audit (
        seq     INTEGER PRIMARY KEY AUTOINCREMENT,
        at      TEXT NOT NULL,
        actor   TEXT NOT NULL,
        action  TEXT NOT NULL,
        target  TEXT NOT NULL,
        detail  TEXT
      );
      CREATE TRIGGER server_audit_no_update BEFORE UPDATE ON server_audit
        BEGIN SELECT RAISE(ABORT, 'the server audit log is append-only'); END;
      CREATE TRIGGER server_audit_no_delete BEFORE DELETE ON server_audit
        BEGIN SELECT RAISE(ABORT, 'the server audit log is append-only'); END;
      CREATE TABLE prediction_log (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        request_id  TEXT NOT NULL,
        model       TEXT NOT NULL,
        version     INTEGER NOT NULL,
        role        TEXT NOT NULL CHECK (role IN ('primary', 'shadow')),
        at_ms       INTEGER NOT NULL,
        row_index   INTEGER NOT NULL,
        inputs      TEXT NOT NULL,
        outputs     TEXT NOT NULL,
        latency_ms  REAL NOT NULL
      );
      CREATE INDEX prediction_log_model ON prediction_log(model, id);
      CREATE INDEX prediction_log_model_time ON prediction_log(model, at_ms);
    `,
  },
  {
    version: 6,
    sql: `
      CREATE TABLE monitor_labels (
        model       TEXT NOT NULL,
        request_id  TEXT NOT NULL,
        label       TEXT NOT NULL,
        received_ms INTEGER NOT NULL,
        updates     INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (model, request_id)
      );
      CREATE TABLE monitor_windows (
        model       TEXT NOT NULL,
        start_ms    INTEGER NOT NULL,
        end_ms      INTEGER NOT NULL,
        first_id    INTEGER NOT NULL,
        last_id     INTEGER NOT NULL,
        rows        INTEGER NOT NULL,
        report      TEXT NOT NULL,
        created     TEXT NOT NULL,
        PRIMARY KEY (model, start_ms)
      );
      CREATE TABLE monitor_state (
        model       TEXT PRIMARY KEY,
        last_id     INTEGER NOT NULL,
        updated     TEXT NOT NULL
      );
      CREATE TABLE monitor_alerts (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        model       TEXT NOT NULL,
        rule        TEXT NOT NULL,
        fired_ms    INTEGER NOT NULL,
        cleared_ms  INTEGER,
        event       TEXT NOT NULL,
        delivery    TEXT NOT NULL
      );
      CREATE INDEX monitor_alerts_open ON monitor_alerts(model, rule, cleared_ms);
      CREATE TABLE monitor_jobs (
        id          TEXT PRIMARY KEY,
        model       TEXT NOT NULL,
        trigger     TEXT NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('running', 'awaiting_approval', 'canary', 'promoted', 'aborted', 'failed')),
        candidate   INTEGER,
        champion    INTEGER,
        created     TEXT NOT NULL,
        updated     TEXT NOT NULL,
        history     TEXT NOT NULL
      );
      CREATE INDEX monitor_jobs_model ON monitor_jobs(model, status);
      -- Delayed labels join the prediction log by request id.
      CREATE INDEX prediction_log_request ON prediction_log(model, request_id);
    `,
  },
];

/** The schema version this binary writes. */
export const LATEST_SCHEMA = MIGRATIONS[MIGRATIONS.length - 1].version;
