import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import mysql from 'mysql2/promise';
import { silentProgress } from '../../core/index.js';
import { DuckDBEngine } from '../../engine/index.js';
import { LatheError } from '../../errors.js';
import type { IngestOptions, LoadContext } from '../source.js';
import { mysqlSourceFactory } from './mysql-source.js';

const URL_ENV = process.env.LATHE_TEST_MYSQL_URL;
const skip = !URL_ENV && 'LATHE_TEST_MYSQL_URL is unset';
const TABLE = `lathe_my_${process.pid}_${Date.now()}`;
const USER = 'lathe_t';
const USER_PASSWORD = 'right-pw-42';
const WRONG = 'wr0ng-s3cret-pw';

/** The test URL with another user and password. */
function asUser(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = password;
  return u.toString();
}

async function admin(): Promise<mysql.Connection> {
  return mysql.createConnection({ uri: URL_ENV!, multipleStatements: false });
}

/** Opens a source on a fresh engine, returns what it loaded, and cleans up. */
async function load(location: string, opts: IngestOptions, sql = 'SELECT * FROM __src') {
  const engine = await DuckDBEngine.open();
  const stagingDir = mkdtempSync(join(tmpdir(), 'lathe-my-'));
  const ctx: LoadContext = { engine, stagingDir, progress: silentProgress };
  const source = mysqlSourceFactory.create(location, opts);
  try {
    const opened = await source.open(ctx);
    return { opened, rows: await engine.rows(sql), types: await engine.describe(opened.relation) };
  } finally {
    await source.close?.();
    engine.close();
    rmSync(stagingDir, { recursive: true, force: true });
  }
}

async function openError(location: string, opts: IngestOptions): Promise<LatheError> {
  try {
    await load(location, opts);
  } catch (e) {
    assert.ok(e instanceof LatheError, `expected a LatheError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected open to fail');
}

before(async () => {
  if (!URL_ENV) return;
  const c = await admin();
  await c.query(`CREATE TABLE ${TABLE} (
    id INT, small SMALLINT, big BIGINT, ubig BIGINT UNSIGNED, f DOUBLE, n DECIMAL(20,4), flag TINYINT(1),
    d DATE, dt DATETIME(6), ts TIMESTAMP(6) NULL, s VARCHAR(50) CHARACTER SET utf8mb4, bin VARBINARY(4), bits BIT(8))`);
  // The session zone of the inserting connection decides what the TIMESTAMP stores; +02:00 proves it is read back in UTC.
  await c.query("SET time_zone = '+02:00'");
  await c.query(`INSERT INTO ${TABLE} VALUES
    (1, 7, 9223372036854775807, 18446744073709551615, 1.5, 12345.6789, 1, '2024-02-29', '2024-02-29 23:59:59.123456', '2024-02-29 23:59:59.5', 'héllo 😀 世界', X'00FF', b'10100101'),
    (2, -7, -9223372036854775808, 0, -0.25, -1, 0, '1000-01-01', '1969-12-31 23:59:59.999999', '1970-01-02 00:00:00', '', X'', b'0'),
    (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`);
  await c.query(`CREATE USER IF NOT EXISTS '${USER}'@'%' IDENTIFIED BY '${USER_PASSWORD}'`);
  await c.query(`CREATE USER IF NOT EXISTS '${USER}'@'localhost' IDENTIFIED BY '${USER_PASSWORD}'`);
  await c.end();
});

after(async () => {
  if (!URL_ENV) return;
  const c = await admin();
  await c.query(`DROP TABLE IF EXISTS ${TABLE}`);
  await c.end();
});

test('reads a table with every mapped type, NULLs, big ints, dates and unicode', { skip }, async () => {
  const { opened, rows, types } = await load(URL_ENV!, { table: TABLE },
    `SELECT id, small, big, ubig, f, n, flag, d::VARCHAR AS d, dt::VARCHAR AS dt, ts::VARCHAR AS ts, s, bin, bits FROM __src ORDER BY id`);
  assert.equal(opened.relation, '__src');
  assert.deepEqual(opened.rawColumns, ['id', 'small', 'big', 'ubig', 'f', 'n', 'flag', 'd', 'dt', 'ts', 's', 'bin', 'bits']);
  assert.deepEqual(types.map((t) => t.type), [
    'BIGINT', 'BIGINT', 'BIGINT', 'UBIGINT', 'DOUBLE', 'DOUBLE', 'BIGINT', 'DATE', 'TIMESTAMP', 'TIMESTAMP', 'VARCHAR', 'VARCHAR', 'BIGINT',
  ]);
  assert.deepEqual(rows[0], {
    id: 1n, small: 7n, big: 9223372036854775807n, ubig: 18446744073709551615n, f: 1.5, n: 12345.6789, flag: 1n,
    d: '2024-02-29', dt: '2024-02-29 23:59:59.123456', ts: '2024-02-29 21:59:59.5', s: 'héllo 😀 世界', bin: '\\x00ff', bits: 165n,
  });
  assert.deepEqual(rows[1], {
    id: 2n, small: -7n, big: -9223372036854775808n, ubig: 0n, f: -0.25, n: -1, flag: 0n,
    d: '1000-01-01', dt: '1969-12-31 23:59:59.999999', ts: '1970-01-01 22:00:00', s: '', bin: '\\x', bits: 0n,
  });
  assert.deepEqual(rows[2], {
    id: 3n, small: null, big: null, ubig: null, f: null, n: null, flag: null, d: null, dt: null, ts: null, s: null, bin: null, bits: null,
  });
});

test('takes the table from the URL fragment or ?table=, and a query from the options', { skip }, async () => {
  assert.equal((await load(`${URL_ENV}#${TABLE}`, {}, 'SELECT count(*) AS n FROM __src')).rows[0].n, 3n);
  assert.equal((await load(`${URL_ENV}?table=${TABLE}`, {}, 'SELECT count(*) AS n FROM __src')).rows[0].n, 3n);
  const q = await load(`mariadb${URL_ENV!.slice(URL_ENV!.indexOf(':'))}`, { query: `SELECT id, s FROM ${TABLE} WHERE id <= 2;` }, 'SELECT * FROM __src ORDER BY id');
  assert.deepEqual(q.rows, [{ id: 1n, s: 'héllo 😀 世界' }, { id: 2n, s: '' }]);
});

test('streams many batches', { skip }, async () => {
  const query = 'SELECT seq AS i, CAST(seq AS CHAR) AS s FROM seq_1_to_25001';
  const { rows } = await load(URL_ENV!, { query }, 'SELECT count(*) AS n, sum(i) AS total, max(s) AS mx FROM __src');
  assert.deepEqual(rows[0], { n: 25001n, total: 312537501n, mx: '9999' });
});

test('an empty result still has its columns', { skip }, async () => {
  const { rows, types } = await load(URL_ENV!, { query: `SELECT id, d FROM ${TABLE} WHERE 1 = 0` });
  assert.equal(rows.length, 0);
  assert.deepEqual(types, [{ name: 'id', type: 'BIGINT' }, { name: 'd', type: 'DATE' }]);
});

test('reports duplicate column names in rawColumns', { skip }, async () => {
  const { opened } = await load(URL_ENV!, { query: 'SELECT 1 AS a, 2 AS a' });
  assert.deepEqual(opened.rawColumns, ['a', 'a']);
});

test('describe() names the table and hides the password', { skip }, () => {
  const d = mysqlSourceFactory.create(`${asUser(URL_ENV!, USER, WRONG)}#${TABLE}`, {}).describe();
  assert.equal(d.kind, 'mysql');
  assert.deepEqual(d.options, { table: TABLE });
  assert.ok(!JSON.stringify(d).includes(WRONG));
  assert.match(d.location, /\*\*\*/);
});

test('needs exactly one of table and query', () => {
  for (const [url, opts] of [['mysql://u@h/db', {}], ['mysql://u@h/db?table=t', { query: 'SELECT 1' }]] as const) {
    assert.throws(() => mysqlSourceFactory.create(url, opts), (e: unknown) => e instanceof LatheError && e.code === 'BAD_USAGE');
  }
});

test('a refused connection is CONNECTION_FAILED without the password', { skip }, async () => {
  const u = new URL(asUser(URL_ENV!, USER, WRONG));
  u.port = '1';
  const e = await openError(u.toString(), { table: TABLE });
  assert.equal(e.code, 'CONNECTION_FAILED');
  assert.match(e.message, /ECONNREFUSED/);
  assert.ok(!e.oneLine().includes(WRONG));
});

test('a wrong password is AUTH_FAILED without the password', { skip }, async () => {
  const e = await openError(asUser(URL_ENV!, USER, WRONG), { table: TABLE });
  assert.equal(e.code, 'AUTH_FAILED');
  assert.match(e.message, /Access denied for user 'lathe_t'/);
  assert.ok(!e.oneLine().includes(WRONG));
  assert.ok(!JSON.stringify(e.toJSON()).includes(WRONG));
});

test('bad SQL, a missing table and a missing column are SQL_ERROR with the server message', { skip }, async () => {
  const bad = await openError(URL_ENV!, { query: 'SELEC 1' });
  assert.equal(bad.code, 'SQL_ERROR');
  assert.match(bad.message, /SQL syntax/);
  const missing = await openError(URL_ENV!, { table: 'lathe_no_such_table' });
  assert.equal(missing.code, 'SQL_ERROR');
  assert.match(missing.message, /lathe_no_such_table' doesn't exist/);
  const col = await openError(URL_ENV!, { query: `SELECT nocol FROM ${TABLE}` });
  assert.equal(col.code, 'SQL_ERROR');
  assert.match(col.message, /Unknown column 'nocol'/);
});

test('a query cannot write: the session is read-only', { skip }, async () => {
  const e = await openError(URL_ENV!, { query: `DELETE FROM ${TABLE}` });
  assert.equal(e.code, 'SQL_ERROR');
  assert.match(e.message, /READ ONLY/);
});
