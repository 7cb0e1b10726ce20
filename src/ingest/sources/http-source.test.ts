import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { DuckDBEngine, quoteLiteral } from '../../engine/index.js';
import { LatheError } from '../../errors.js';
import type { IngestOptions } from '../source.js';
import { classifyAddress, type HostLookup, redactUrl } from '../../core/index.js';
import { DEFAULT_MAX_BYTES, HTTP_IDLE_TIMEOUT_MS, HttpSource, httpSourceFactory } from './http-source.js';

const CSV = 'id,name,when\n1,héllo 😀,2024-02-29\n2,,2024-03-01\n3,"a, b",\n';
const SECRET = 'pa55-s3cret-word';
const dir = mkdtempSync(join(tmpdir(), 'lathe-http-'));
let server: Server;
let base = '';
let parquet: Buffer;
let arrow: Uint8Array;
let connections = 0;

function handle(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url!, 'http://x').pathname;
  switch (path) {
    case '/data.csv':
    case '/data.csv.gz': {
      const body = path.endsWith('.gz') ? gzipSync(CSV) : Buffer.from(CSV);
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': body.length }).end(body);
      return;
    }
    case '/export':
      res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' }).end(CSV);
      return;
    case '/table':
      res.writeHead(200, { 'content-type': 'application/vnd.apache.parquet' }).end(parquet);
      return;
    case '/flights':
      res.writeHead(200, { 'content-type': 'application/vnd.apache.arrow.file' }).end(arrow);
      return;
    case '/blob':
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(CSV);
      return;
    case '/private.csv': {
      const expected = `Basic ${Buffer.from(`alice:${SECRET}`).toString('base64')}`;
      if (req.headers.authorization !== expected) res.writeHead(401, { 'www-authenticate': 'Basic' }).end('no');
      else res.writeHead(200, { 'content-type': 'text/csv' }).end(CSV);
      return;
    }
    case '/big-declared.csv':
      // Claims 10 MB; the client must refuse from the header alone.
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': 10_000_000 });
      res.write('a\n');
      return;
    case '/big-chunked.csv': {
      // No Content-Length: the limit has to be enforced while bytes arrive.
      res.writeHead(200, { 'content-type': 'text/csv' });
      const line = Buffer.from('x'.repeat(1023) + '\n');
      let sent = 0;
      const pump = () => {
        while (sent < 5000 && !res.destroyed) {
          sent++;
          if (!res.write(line)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
      return;
    }
    case '/stall.csv':
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.write('a,b\n1,2\n');
      return; // never ends
    case '/empty.csv':
      res.writeHead(200, { 'content-type': 'text/csv' }).end();
      return;
    case '/to-data':
      res.writeHead(302, { location: '/data.csv' }).end();
      return;
    case '/to-meta':
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      return;
    case '/to-inner':
      res.writeHead(307, { location: `http://inner.test:${(server.address() as AddressInfo).port}/data.csv` }).end();
      return;
    case '/to-mapped':
      res.writeHead(301, { location: 'http://[::ffff:127.0.0.1]/data.csv' }).end();
      return;
    case '/loop':
      res.writeHead(302, { location: '/loop' }).end();
      return;
    case '/encoded.csv': {
      const body = gzipSync(CSV);
      res.writeHead(200, { 'content-type': 'text/csv', 'content-encoding': 'gzip', 'content-length': body.length }).end(body);
      return;
    }
    case '/boom':
      res.writeHead(503).end();
      return;
    default:
      res.writeHead(404).end('not here');
  }
}

before(async () => {
  const engine = await DuckDBEngine.open();
  const pq = join(dir, 'src.parquet');
  await engine.run(`COPY (SELECT 42::BIGINT AS answer, 'ok' AS word) TO ${quoteLiteral(pq)} (FORMAT parquet)`);
  engine.close();
  parquet = readFileSync(pq);
  arrow = tableToIPC(tableFromArrays({ delay: Int32Array.from([5, -3]), origin: ['SEA', 'ÖRE'] }), 'file');
  server = createServer(handle);
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** Opens a URL on a fresh engine and staging folder, returning its rows. The test server is on loopback, so private hosts are allowed unless `opts` says otherwise. */
async function load(url: string, opts: IngestOptions = {}, source = httpSourceFactory.create(url, { allowPrivateHosts: true, ...opts })) {
  const engine = await DuckDBEngine.open();
  const stagingDir = mkdtempSync(join(dir, 'stage-'));
  const updates: { bytes?: number; totalBytes?: number }[] = [];
  try {
    const opened = await source.open({ engine, stagingDir, progress: { update: (u) => updates.push(u), done() {} } });
    const rows = await engine.rows(`SELECT * FROM ${opened.relation}`);
    return { opened, rows, updates, staged: readdirSync(stagingDir), describe: source.describe() };
  } finally {
    engine.close();
  }
}

async function failure(url: string, opts: IngestOptions = {}, source?: HttpSource): Promise<LatheError> {
  try {
    await load(url, opts, source);
  } catch (e) {
    assert.ok(e instanceof LatheError, `expected a LatheError, got ${String(e)}`);
    assert.ok(!e.message.includes('\n'), e.message);
    if (process.env.LATHE_SHOW_ERRORS) console.log(`${e.code} | ${e.oneLine()}`);
    return e;
  }
  assert.fail(`expected ${url} to fail`);
}

test('downloads a CSV and hands it to the file reader', async () => {
  const { rows, updates, staged, describe } = await load(`${base}/data.csv`);
  assert.deepEqual(staged, ['download.csv']);
  assert.equal(rows.length, 3);
  assert.equal(rows[0].name, 'héllo 😀');
  assert.equal(rows[2].name, 'a, b');
  assert.equal(rows[1].name, null);
  const last = updates.at(-1)!;
  assert.equal(last.bytes, Buffer.byteLength(CSV));
  assert.equal(last.totalBytes, Buffer.byteLength(CSV));
  assert.deepEqual({ kind: describe.kind, location: describe.location, format: describe.format }, { kind: 'http', location: `${base}/data.csv`, format: 'csv' });
});

test('keeps .gz so the reader decompresses', async () => {
  const { rows, staged } = await load(`${base}/data.csv.gz`);
  assert.deepEqual(staged, ['download.csv.gz']);
  assert.equal(rows.length, 3);
});

test('takes the format from Content-Type when the path has no extension, or from --format', async () => {
  assert.equal((await load(`${base}/export`)).rows.length, 3);
  const pq = await load(`${base}/table`);
  assert.deepEqual(pq.rows, [{ answer: 42n, word: 'ok' }]);
  assert.equal(pq.describe.format, 'parquet');
  const ipc = await load(`${base}/flights`);
  assert.deepEqual(ipc.rows, [{ delay: 5n, origin: 'SEA' }, { delay: -3n, origin: 'ÖRE' }]);
  assert.deepEqual(ipc.staged, ['download.arrow']);
  assert.equal((await load(`${base}/blob`, { format: 'csv' })).rows.length, 3);
  const e = await failure(`${base}/blob`);
  assert.equal(e.code, 'UNSUPPORTED_FORMAT');
  assert.match(e.hint!, /--format/);
});

test('non-2xx is HTTP_ERROR naming the status', async () => {
  const e404 = await failure(`${base}/missing.csv`);
  assert.equal(e404.code, 'HTTP_ERROR');
  assert.equal(e404.message, `${base}/missing.csv: HTTP 404 Not Found`);
  const e503 = await failure(`${base}/boom`);
  assert.equal(e503.code, 'HTTP_ERROR');
  assert.equal(e503.message, `${base}/boom: HTTP 503 Service Unavailable`);
  assert.match(e503.hint!, /try again later/);
});

test('credentials in the URL are sent as Basic auth and never shown', async () => {
  const u = new URL(`${base}/private.csv`);
  u.username = 'alice';
  u.password = SECRET;
  const ok = await load(u.toString());
  assert.equal(ok.rows.length, 3);
  assert.ok(!JSON.stringify(ok.describe).includes(SECRET));
  assert.equal(ok.describe.location, `http://alice:***@${u.host}/private.csv`);
  u.password = `${SECRET}-wrong`;
  const e = await failure(u.toString());
  assert.equal(e.code, 'HTTP_ERROR');
  assert.match(e.message, /HTTP 401 Unauthorized/);
  assert.ok(!e.oneLine().includes(SECRET));
});

test('secret query parameters are redacted in describe()', () => {
  const d = httpSourceFactory.create(`${base}/data.csv?token=${SECRET}&x=1`, {}).describe();
  assert.ok(!JSON.stringify(d).includes(SECRET));
  assert.match(d.location, /token=\*\*\*&x=1/);
});

test('a Content-Length over the limit is refused before downloading', async () => {
  const e = await failure(`${base}/big-declared.csv`, { maxBytes: 1_000_000 });
  assert.equal(e.code, 'TOO_LARGE');
  assert.match(e.message, /Content-Length/);
  assert.match(e.hint!, /--max-bytes/);
});

test('a chunked body is cut off once it passes the limit', async () => {
  const e = await failure(`${base}/big-chunked.csv`, { maxBytes: 100_000 });
  assert.equal(e.code, 'TOO_LARGE');
  assert.match(e.message, /passed the limit of 97\.7 KiB and was stopped/);
  // Under the limit the same body downloads whole.
  const { opened } = await load(`${base}/big-chunked.csv`, { maxBytes: 6_000_000, header: false });
  assert.ok(opened.totalBytes === 5000 * 1024);
  assert.equal(DEFAULT_MAX_BYTES, 1024 ** 3);
});

test('a stalled download times out', async () => {
  const url = `${base}/stall.csv`;
  const e = await failure(url, {}, new HttpSource(url, { allowPrivateHosts: true }, 200));
  assert.equal(e.code, 'CONNECTION_FAILED');
  assert.match(e.message, /no data for 200 ms/);
});

test('an empty body is EMPTY_SOURCE', async () => {
  const e = await failure(`${base}/empty.csv`);
  assert.equal(e.code, 'EMPTY_SOURCE');
});

test('refused connections and bad URLs fail with a hint', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const refused = await failure(`http://u:${SECRET}@127.0.0.1:${port}/data.csv`);
  assert.equal(refused.code, 'CONNECTION_FAILED');
  assert.ok(refused.hint);
  assert.ok(!refused.oneLine().includes(SECRET));
  const dns = await failure('http://lathe-no-such-host.invalid/data.csv');
  assert.equal(dns.code, 'CONNECTION_FAILED');
  assert.match(dns.message, /cannot resolve host/);
  assert.throws(() => httpSourceFactory.create('http://exa mple.com/x.csv', {}), (e: unknown) => e instanceof LatheError && e.code === 'HTTP_ERROR');
  assert.throws(() => new HttpSource('ftp://example.com/x.csv', {}), (e: unknown) => e instanceof LatheError && e.code === 'HTTP_ERROR');
});

/** A resolver standing in for DNS: names only tests use, mapped to fixed addresses; nothing leaves the machine. */
const fakeDns: HostLookup = async (host) => {
  const table: Record<string, string[]> = {
    'loop.test': ['127.0.0.1'],
    'public.test': ['127.0.0.1'],
    'inner.test': ['127.0.0.2'],
    'meta.test': ['169.254.169.254'],
    'mixed.test': ['93.184.216.34', '10.0.0.1'],
    'v6.test': ['::1'],
    'mapped.test': ['::ffff:192.168.0.1'],
  };
  const found = table[host];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};
/** Stands the loopback test server in for a public host: 127.0.0.1 counts as public, every other address as usual. */
const loopbackIsPublic = (a: string) => (a === '127.0.0.1' ? null : classifyAddress(a));

async function refused(url: string, source = new HttpSource(url, {}, HTTP_IDLE_TIMEOUT_MS, { lookup: fakeDns })): Promise<LatheError> {
  const before = connections;
  const e = await failure(url, {}, source);
  assert.equal(e.code, 'PRIVATE_ADDRESS', e.message);
  assert.match(e.hint!, /--allow-private-hosts/);
  assert.match(e.hint!, /ingest: \{ allow_private_hosts: true \}/);
  assert.ok(e.message.startsWith(`${redactUrl(url)}: refused to `), e.message);
  assert.equal(connections, before, 'no connection was made');
  return e;
}

test('by default, loopback, private, link-local and other non-public addresses are refused before connecting', async () => {
  const port = (server.address() as AddressInfo).port;
  const cases: [string, RegExp][] = [
    ['127.0.0.1', /127\.0\.0\.1 is a loopback address/],
    ['[::1]', /::1 is a loopback address/],
    ['127.1', /127\.0\.0\.1 is a loopback address/],
    ['0x7f000001', /127\.0\.0\.1 is a loopback address/],
    ['2130706433', /127\.0\.0\.1 is a loopback address/],
    ['[::ffff:127.0.0.1]', /is a loopback address/],
    ['169.254.169.254', /169\.254\.169\.254 is a link-local \(cloud metadata\) address/],
    ['10.1.2.3', /is a private address/],
    ['172.16.0.1', /is a private address/],
    ['172.31.255.255', /is a private address/],
    ['192.168.1.1', /is a private address/],
    ['[fc00::1]', /is a private address/],
    ['[fd12:3456::1]', /is a private address/],
    ['[fe80::1]', /is a link-local \(cloud metadata\) address/],
    ['100.64.0.1', /is a shared \(carrier-grade NAT\) address/],
    ['0.0.0.0', /is an unspecified \(this-network\) address/],
    ['224.0.0.1', /is a multicast address/],
    ['[ff02::1]', /is a multicast address/],
    ['255.255.255.255', /is a broadcast address/],
  ];
  for (const [host, message] of cases) {
    const e = await refused(`http://${host}:${port}/data.csv`);
    assert.match(e.message, message, host);
    assert.match(e.message, /refused to connect: /);
  }
});

test('a host name is judged by every address it resolves to', async () => {
  const port = (server.address() as AddressInfo).port;
  assert.match((await refused(`http://loop.test:${port}/data.csv`)).message, /"loop\.test" resolves to 127\.0\.0\.1, a loopback address/);
  assert.match((await refused(`http://meta.test/latest/meta-data/`)).message, /"meta\.test" resolves to 169\.254\.169\.254, a link-local \(cloud metadata\) address/);
  assert.match((await refused(`http://mixed.test/x.csv`)).message, /"mixed\.test" resolves to 10\.0\.0\.1, a private address/);
  assert.match((await refused(`http://v6.test:${port}/x.csv`)).message, /resolves to ::1, a loopback address/);
  assert.match((await refused(`http://mapped.test/x.csv`)).message, /resolves to ::ffff:192\.168\.0\.1, a private address/);
  // localhost goes through the real resolver (the hosts file) and is refused too.
  assert.match((await refused(`http://localhost:${port}/data.csv`, new HttpSource(`http://localhost:${port}/data.csv`, {}))).message, /"localhost" resolves to .*a loopback address/);
});

test('every redirect hop is checked: a public host redirecting to a private one is refused', async () => {
  const port = (server.address() as AddressInfo).port;
  const viaPublic = (path: string) => new HttpSource(`http://public.test:${port}${path}`, {}, HTTP_IDLE_TIMEOUT_MS, { lookup: fakeDns, classify: loopbackIsPublic });
  // The stand-in public host serves a plain redirect to itself.
  assert.equal((await load(`http://public.test:${port}/to-data`, {}, viaPublic('/to-data'))).rows.length, 3);
  const meta = await failure('', {}, viaPublic('/to-meta'));
  assert.equal(meta.code, 'PRIVATE_ADDRESS');
  assert.equal(meta.message, `http://public.test:${port}/to-meta: refused to follow the redirect to http://169.254.169.254/latest/meta-data/: 169.254.169.254 is a link-local (cloud metadata) address`);
  const inner = await failure('', {}, viaPublic('/to-inner'));
  assert.match(inner.message, /refused to follow the redirect to http:\/\/inner\.test:\d+\/data\.csv: "inner\.test" resolves to 127\.0\.0\.2, a loopback address/);
  const mapped = await failure('', {}, viaPublic('/to-mapped'));
  assert.match(mapped.message, /is a loopback address/);
  const loop = await failure('', {}, viaPublic('/loop'));
  assert.equal(loop.code, 'HTTP_ERROR');
  assert.match(loop.message, /more than 10 redirects/);
});

test('allowPrivateHosts connects to the address the resolver gave, and decodes Content-Encoding', async () => {
  const port = (server.address() as AddressInfo).port;
  const url = `http://loop.test:${port}/data.csv`;
  const ok = await load(url, {}, new HttpSource(url, { allowPrivateHosts: true }, HTTP_IDLE_TIMEOUT_MS, { lookup: fakeDns }));
  assert.equal(ok.rows.length, 3);
  assert.equal(ok.describe.options?.allowPrivateHosts, undefined, 'the opt-in is not part of the stored description');
  const enc = await load(`${base}/encoded.csv`);
  assert.equal(enc.rows.length, 3);
  assert.equal(enc.updates.at(-1)!.bytes, Buffer.byteLength(CSV));
});
