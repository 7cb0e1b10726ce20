import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { silentProgress } from '../../core/index.js';
import { DuckDBEngine } from '../../engine/index.js';
import { LatheError } from '../../errors.js';
import type { IngestOptions, LoadContext } from '../source.js';
import { postgresSourceFactory } from './postgres-source.js';

const URL_ENV = process.env.LATHE_TEST_PG_URL;
const skip = !URL_ENV && 'LATHE_TEST_PG_URL is unset';
const TABLE = `lathe_pg_${process.pid}_${Date.now()}`;
const SECRET = 'hunter2-s3cret';

/** The test URL with a password added: trust auth ignores it, so it only tests redaction. */
function withPassword(url: string, password = SECRET): string {
  const u = new URL(url);
  u.password = password;
  return u.toString();
}

/** Opens a source on a fresh engine, returns what it loaded, and cleans up. */
async function load(location: string, opts: IngestOptions, sql = 'SELECT * FROM __src') {
  const engine = await DuckDBEngine.open();
  const stagingDir = mkdtempSync(join(tmpdir(), 'lathe-pg-'));
  const ctx: LoadContext = { engine, stagingDir, progress: silentProgress };
  const source = postgresSourceFactory.create(location, opts);
  try {
    const opened = await source.open(ctx);
    const rows = await engine.rows(sql);
    const types = await engine.describe(opened.relation);
    return { opened, rows, types, source };
  } finally {
    await source.close?.();
    engine.close();
    rmSync(stagingDir, { recursive: true, force: true });
  }
}

/** The LatheError a failing open throws. */
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
  const c = new pg.Client({ connectionString: URL_ENV });
  await c.connect();
  await c.query(`CREATE TABLE ${TABLE} (
    id int4, small int2, big int8, f float8, n numeric(20,4), ok boolean,
    d date, ts timestamp(6), tz timestamptz, s text, v varchar(10))`);
  await c.query(`INSERT INTO ${TABLE} VALUES
    (1, 7, 9223372036854775807, 1.5, 12345.6789, true, '2024-02-29', '2024-02-29 23:59:59.123456', '2024-02-29 23:59:59.5+02', 'héllo 😀 世界', 'x'),
    (2, -7, -9223372036854775808, -0.25, -1, false, '0044-03-15 BC', '1969-12-31 23:59:59.999999', '1900-01-01 00:00:00+00', '', 'y'),
    (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    (4, 0, 0, 'NaN', 'NaN', true, 'infinity', '-infinity', 'infinity', 'it''s "quoted"', NULL)`);
  await c.end();
});

after(async () => {
  if (!URL_ENV) return;
  const c = new pg.Client({ connectionString: URL_ENV });
  await c.connect();
  await c.query(`DROP TABLE IF EXISTS ${TABLE}`);
  await c.end();
});

test('reads a table with every mapped type, NULLs, big ints, dates and unicode', { skip }, async () => {
  const { opened, rows, types } = await load(withPassword(URL_ENV!), { table: TABLE },
    `SELECT id, small, big, f, n, ok, d::VARCHAR AS d, ts::VARCHAR AS ts, epoch_us(tz) AS tz, s, v FROM __src ORDER BY id`);
  assert.equal(opened.relation, '__src');
  assert.deepEqual(opened.rawColumns, ['id', 'small', 'big', 'f', 'n', 'ok', 'd', 'ts', 'tz', 's', 'v']);
  assert.deepEqual(types.map((t) => t.type), [
    'BIGINT', 'BIGINT', 'BIGINT', 'DOUBLE', 'DOUBLE', 'BOOLEAN', 'DATE', 'TIMESTAMP', 'TIMESTAMP WITH TIME ZONE', 'VARCHAR', 'VARCHAR',
  ]);
  assert.deepEqual(rows[0], {
    id: 1n, small: 7n, big: 9223372036854775807n, f: 1.5, n: 12345.6789, ok: true, d: '2024-02-29',
    ts: '2024-02-29 23:59:59.123456', tz: BigInt(Date.UTC(2024, 1, 29, 21, 59, 59, 500)) * 1000n, s: 'héllo 😀 世界', v: 'x',
  });
  assert.deepEqual(rows[1], {
    id: 2n, small: -7n, big: -9223372036854775808n, f: -0.25, n: -1, ok: false, d: '0044-03-15 (BC)',
    ts: '1969-12-31 23:59:59.999999', tz: BigInt(Date.UTC(1900, 0, 1)) * 1000n, s: '', v: 'y',
  });
  assert.deepEqual(rows[2], { id: 3n, small: null, big: null, f: null, n: null, ok: null, d: null, ts: null, tz: null, s: null, v: null });
  assert.ok(Number.isNaN(rows[3].f) && Number.isNaN(rows[3].n));
  assert.equal(rows[3].d, 'infinity');
  assert.equal(rows[3].ts, '-infinity');
  assert.equal(rows[3].s, `it's "quoted"`);
});

test('takes the table from the URL fragment or ?table=, and a query from the options', { skip }, async () => {
  const byHash = await load(`${URL_ENV}#${TABLE}`, {}, 'SELECT count(*) AS n FROM __src');
  assert.equal(byHash.rows[0].n, 4n);
  const byParam = await load(`${URL_ENV}?table=${TABLE}`, {}, 'SELECT count(*) AS n FROM __src');
  assert.equal(byParam.rows[0].n, 4n);
  const byQuery = await load(URL_ENV!, { query: `SELECT id, s FROM ${TABLE} WHERE id <= 2;` }, 'SELECT * FROM __src ORDER BY id');
  assert.deepEqual(byQuery.rows, [{ id: 1n, s: 'héllo 😀 世界' }, { id: 2n, s: '' }]);
});

test('streams many batches through the cursor', { skip }, async () => {
  const { rows } = await load(URL_ENV!, { query: 'SELECT g AS i, g::text AS s FROM generate_series(1, 25001) AS g' },
    'SELECT count(*) AS n, sum(i) AS total, max(s) AS mx FROM __src');
  assert.deepEqual(rows[0], { n: 25001n, total: 312537501n, mx: '9999' });
});

test('an empty result still has its columns', { skip }, async () => {
  const { rows, types } = await load(URL_ENV!, { query: `SELECT id, d FROM ${TABLE} WHERE false` });
  assert.equal(rows.length, 0);
  assert.deepEqual(types, [{ name: 'id', type: 'BIGINT' }, { name: 'd', type: 'DATE' }]);
});

test('reports duplicate column names in rawColumns', { skip }, async () => {
  const { opened } = await load(URL_ENV!, { query: 'SELECT 1 AS a, 2 AS a' });
  assert.deepEqual(opened.rawColumns, ['a', 'a']);
});

test('describe() names the table and hides the password', { skip }, () => {
  const d = postgresSourceFactory.create(`${withPassword(URL_ENV!)}#${TABLE}`, {}).describe();
  assert.equal(d.kind, 'postgres');
  assert.deepEqual(d.options, { table: TABLE });
  assert.ok(!JSON.stringify(d).includes(SECRET));
  assert.match(d.location, /\*\*\*/);
  const q = postgresSourceFactory.create(withPassword(URL_ENV!), { query: 'SELECT 1' }).describe();
  assert.equal(q.query, 'SELECT 1');
});

test('needs exactly one of table and query', () => {
  for (const [url, opts] of [['postgres://u@h/db', {}], ['postgres://u@h/db#t', { query: 'SELECT 1' }]] as const) {
    assert.throws(() => postgresSourceFactory.create(url, opts), (e: unknown) => e instanceof LatheError && e.code === 'BAD_USAGE');
  }
});

test('a refused connection is CONNECTION_FAILED without the password', { skip }, async () => {
  const u = new URL(withPassword(URL_ENV!));
  u.port = '1';
  const e = await openError(u.toString(), { table: TABLE });
  assert.equal(e.code, 'CONNECTION_FAILED');
  assert.match(e.message, /ECONNREFUSED|connect/);
  assert.ok(!e.oneLine().includes(SECRET));
  assert.ok(e.hint);
});

test('an unknown role is AUTH_FAILED (the server answers 28000)', { skip }, async () => {
  const u = new URL(withPassword(URL_ENV!));
  u.username = 'lathe_no_such_role';
  const e = await openError(u.toString(), { table: TABLE });
  assert.equal(e.code, 'AUTH_FAILED');
  assert.match(e.message, /lathe_no_such_role/);
  assert.ok(!e.oneLine().includes(SECRET));
});

test('bad SQL and a missing table are SQL_ERROR with the server message', { skip }, async () => {
  const bad = await openError(withPassword(URL_ENV!), { query: 'SELEC 1' });
  assert.equal(bad.code, 'SQL_ERROR');
  assert.match(bad.message, /syntax error at or near "SELEC"/);
  assert.ok(!bad.oneLine().includes(SECRET));
  const missing = await openError(withPassword(URL_ENV!), { table: 'lathe_no_such_table' });
  assert.equal(missing.code, 'SQL_ERROR');
  assert.match(missing.message, /relation "lathe_no_such_table" does not exist/);
  assert.ok(!missing.oneLine().includes(SECRET));
  assert.ok(!missing.message.includes('\n'));
});

test('a query cannot write: the transaction is read-only', { skip }, async () => {
  const e = await openError(URL_ENV!, { query: `DELETE FROM ${TABLE} RETURNING id` });
  assert.equal(e.code, 'SQL_ERROR');
});
