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
];

/** The schema version this binary writes. */
export const LATEST_SCHEMA = MIGRATIONS[MIGRATIONS.length - 1].version;
