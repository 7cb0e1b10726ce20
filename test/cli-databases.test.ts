import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pg from 'pg';
import { lathe, tempDir } from './helpers.js';

const PG = process.env.LATHE_TEST_PG_URL;
const MYSQL = process.env.LATHE_TEST_MYSQL_URL;

/** The same URL with a password, which trust auth ignores but we must never store or print. */
function withPassword(url: string): string {
  const u = new URL(url);
  u.password = 'hunter2secret';
  return u.toString();
}

describe('lathe ingest from databases, end to end', () => {
  test('postgres: table and query ingest; the password is never stored or printed', { skip: !PG && 'LATHE_TEST_PG_URL is unset' }, async () => {
    const table = `lathe_cli_${process.pid}`;
    const client = new pg.Client({ connectionString: PG });
    await client.connect();
    try {
      await client.query(`DROP TABLE IF EXISTS ${table}`);
      await client.query(`CREATE TABLE ${table} (id int, city text, temp float8)`);
      await client.query(`INSERT INTO ${table} VALUES (1, 'Oslo', -3.5), (2, 'Lima', 19.25), (3, NULL, NULL)`);
      const home = tempDir();
      const url = withPassword(PG!);
      const r = lathe(home, ['ingest', url, '--table', table, '--name', 'cities', '--json']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.json.rows, 3);
      assert.deepEqual(r.json.columns.map((c: { type: string }) => c.type), ['integer', 'categorical', 'numeric']);
      const q = lathe(home, ['ingest', url, '--query', `SELECT id FROM ${table} WHERE temp > 0`, '--name', 'warm', '--json']);
      assert.equal(q.json.rows, 1);
      const show = lathe(home, ['dataset', 'show', 'cities', '--json']);
      assert.ok(!JSON.stringify(show.json).includes('hunter2secret'));
      assert.match(show.json.source.location, /\*\*\*/);
      const bad = lathe(home, ['ingest', url, '--query', 'SELEC 1', '--name', 'x']);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /^error: .*syntax error/);
      assert.ok(!bad.stderr.includes('hunter2secret'));
      const refused = lathe(home, ['ingest', 'postgres://u:hunter2secret@127.0.0.1:1/db', '--table', 't', '--name', 'x', '--json']);
      assert.equal(refused.code, 2);
      assert.equal(refused.json.error.code, 'CONNECTION_FAILED');
      assert.ok(!refused.stdout.includes('hunter2secret'));
      assert.deepEqual(lathe(home, ['datasets', '--json']).json.datasets.map((d: { name: string }) => d.name), ['cities', 'warm']);
    } finally {
      await client.query(`DROP TABLE IF EXISTS ${table}`);
      await client.end();
    }
  });

  test('mysql: a table ingests with its types', { skip: !MYSQL && 'LATHE_TEST_MYSQL_URL is unset' }, async () => {
    const mysql = (await import('mysql2/promise')).default;
    const conn = await mysql.createConnection(MYSQL!);
    const table = `lathe_cli_${process.pid}`;
    try {
      await conn.query(`DROP TABLE IF EXISTS ${table}`);
      await conn.query(`CREATE TABLE ${table} (id INT, name VARCHAR(20), at DATETIME)`);
      await conn.query(`INSERT INTO ${table} VALUES (1, 'a', '2024-01-02 03:04:05'), (2, NULL, NULL)`);
      const home = tempDir();
      const r = lathe(home, ['ingest', `${MYSQL}#${table}`, '--name', 'm', '--json']);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(r.json.columns.map((c: { name: string; type: string; nullable: boolean }) => [c.name, c.type, c.nullable]), [
        ['id', 'integer', false],
        ['name', 'categorical', true],
        ['at', 'datetime', true],
      ]);
      const auth = lathe(home, ['ingest', `mysql://nobody_here:pw@127.0.0.1:3306/test#${table}`, '--name', 'x', '--json']);
      assert.equal(auth.json.error.code, 'AUTH_FAILED');
    } finally {
      await conn.query(`DROP TABLE IF EXISTS ${table}`);
      await conn.end();
    }
  });
});
