import type Database from 'better-sqlite3';
import { LatheError } from '../../errors.js';
import { LATEST_SCHEMA, MIGRATIONS } from './migrations.js';

/**
 * Brings a database to {@link LATEST_SCHEMA}, or refuses one written by a
 * newer Lathe (SCHEMA_TOO_NEW) rather than guess at its tables.
 */
export function migrate(db: Database.Database, path: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_SCHEMA) throw tooNew(path, current);
  if (current === LATEST_SCHEMA) return;
  // Two processes may open a fresh home at once: the IMMEDIATE transaction
  // serialises them, and the version is read again inside it.
  db.transaction(() => {
    const v = db.pragma('user_version', { simple: true }) as number;
    if (v > LATEST_SCHEMA) throw tooNew(path, v);
    for (const m of MIGRATIONS) {
      if (m.version <= v) continue;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
}

function tooNew(path: string, version: number): LatheError {
  return new LatheError(
    'SCHEMA_TOO_NEW',
    `metadata database ${path} has schema version ${version}, newer than this lathe understands (${LATEST_SCHEMA})`,
    { hint: 'upgrade lathe (npm install lathe@latest) or use another --home' },
  );
}
