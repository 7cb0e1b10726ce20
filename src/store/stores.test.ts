import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { isLatheError } from '../errors.js';
import { artifactStoreCase } from './artifact-store.case.js';
import { LATEST_SCHEMA, openArtifactStore, openMetadataStore } from './index.js';
import { metadataStoreCase } from './metadata-store.case.js';
import { sampleModelVersion } from './registry-store.case.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'lathe-store-'));

metadataStoreCase('sqlite', () => openMetadataStore(`sqlite:${join(tmp(), 'lathe.db')}`));
artifactStoreCase('file', () => openArtifactStore(`file:${join(tmp(), 'artifacts')}`));

test('sqlite store uses WAL and records the schema version', async () => {
  const path = join(tmp(), 'lathe.db');
  const s = await openMetadataStore(`sqlite:${path}`);
  assert.equal(await s.schemaVersion(), LATEST_SCHEMA);
  await s.close();
  const db = new Database(path);
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  db.close();
});

test('a database with a newer schema is refused with a clear message', async () => {
  const path = join(tmp(), 'lathe.db');
  (await openMetadataStore(`sqlite:${path}`)).close();
  const db = new Database(path);
  db.pragma(`user_version = ${LATEST_SCHEMA + 1}`);
  db.close();
  await assert.rejects(openMetadataStore(`sqlite:${path}`), (e) => {
    assert.ok(isLatheError(e, 'SCHEMA_TOO_NEW'));
    assert.match(e.message, /newer than this lathe understands/);
    assert.match(e.hint ?? '', /upgrade/);
    return true;
  });
});

test('an unknown store scheme lists the known ones', async () => {
  await assert.rejects(openMetadataStore('mongo://x/y'), (e) => {
    assert.ok(isLatheError(e, 'BAD_INPUT'));
    assert.match(e.hint ?? '', /sqlite/);
    return true;
  });
  await assert.rejects(openArtifactStore('s4://bucket'), (e) => isLatheError(e, 'BAD_INPUT') && /file/.test(e.hint ?? ''));
});

test('the alias audit trail is append-only in the database itself', async () => {
  const path = join(tmp(), 'lathe.db');
  const s = await openMetadataStore(`sqlite:${path}`);
  await s.addModelVersion(sampleModelVersion('m', 'c'.repeat(64)));
  await s.moveAlias({ model: 'm', alias: 'production', version: 1, action: 'set', actor: 'a', message: null });
  await s.close();
  const db = new Database(path);
  try {
    assert.throws(() => db.prepare(`UPDATE alias_audit SET actor = 'mallory'`).run(), /append-only/);
    assert.throws(() => db.prepare('DELETE FROM alias_audit').run(), /append-only/);
  } finally {
    db.close();
  }
});
