// HTTP edges: every refusal, Fastify's own included, in our error shape with
// an x-request-id and no echoed input; Host and request-target framing;
// query strings validated like bodies; a taken port is a usage error.
import assert from 'node:assert/strict';
import { connect, createServer, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Home } from '../src/store/index.js';
import { listenError } from '../src/serve/server.js';
import { LatheError } from '../src/errors.js';
import { call, serve, servedHome } from './serve-helpers.js';
import { lathe } from './helpers.js';

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends bytes as they are on a loopback socket and reads the answer until the server closes. */
function raw(port: number, request: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1');
    let buf = '';
    sock.on('data', (d) => (buf += d.toString('latin1')));
    sock.on('error', reject);
    sock.on('close', () => {
      const [head, ...rest] = buf.split('\r\n\r\n');
      const lines = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const l of lines.slice(1)) {
        const i = l.indexOf(':');
        headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
      }
      let body = rest.join('\r\n\r\n');
      if (headers['transfer-encoding'] === 'chunked') body = body.replace(/^[0-9a-f]+\r\n/, '').replace(/\r\n0\r\n\r\n$/, '');
      resolve({ status: Number(lines[0].split(' ')[1]), headers, body });
    });
    sock.end(request);
  });
}

const get = (target: string, headers = 'Host: 127.0.0.1\r\n') => `GET ${target} HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`;

function assertOip(r: RawAnswer | { status: number; headers: Headers; text: string }, status: number, message: RegExp): void {
  const h = r.headers instanceof Headers ? Object.fromEntries(r.headers) : r.headers;
  const body = 'body' in r ? r.body : r.text;
  assert.equal(r.status, status, body);
  assert.match(h['content-type'], /^application\/json/);
  assert.match(h['x-request-id'] ?? '', /^[0-9a-f-]{36}$/);
  const json = JSON.parse(body);
  assert.deepEqual(Object.keys(json), ['error']);
  assert.match(json.error, message);
}

function assertProblem(r: RawAnswer | { status: number; headers: Headers; text: string }, status: number, message: RegExp): Record<string, unknown> {
  const h = r.headers instanceof Headers ? Object.fromEntries(r.headers) : r.headers;
  const body = 'body' in r ? r.body : r.text;
  assert.equal(r.status, status, body);
  assert.match(h['content-type'], /^application\/problem\+json/);
  assert.match(h['x-request-id'] ?? '', /^[0-9a-f-]{36}$/);
  const json = JSON.parse(body);
  assert.equal(json.status, status);
  assert.match(json.detail, message);
  return json;
}

describe('HTTP edges', () => {
  let home: Home;
  let dir: string;
  let server: Awaited<ReturnType<typeof serve>>;
  let port: number;
  before(async () => {
    ({ home, dir } = await servedHome());
    server = await serve(home, { maxBodyBytes: 2048 });
    port = Number(new URL(server.url).port);
  });
  after(async () => {
    await server.close();
    await home.close();
  });

  it('a URL that does not decode gets our OIP shape and a request id, without the URL', async () => {
    const r = await raw(port, get('/v2/models/%c0%ae'));
    assertOip(r, 400, /not a valid URL/);
    assert.doesNotMatch(r.body, /%c0|FST_/i);
    const v1 = await raw(port, get('/v1/models/%c0%ae:predict'));
    assertProblem(v1, 400, /not a valid URL/);
    assert.doesNotMatch(v1.body, /%c0|FST_/i);
  });

  it("Fastify's body refusals, 404 and unknown methods are in our shapes", async () => {
    const infer = `${server.url}/v2/models/pen/infer`;
    assertOip(await call(infer, { raw: '{"inputs": [' }), 400, /not valid JSON/);
    assertOip(await call(infer, { raw: JSON.stringify({ inputs: [], pad: 'x'.repeat(4000) }) }), 413, /larger than 2048 bytes/);
    const form = await fetch(infer, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=<script>' });
    assertOip({ status: form.status, headers: form.headers, text: await form.text() }, 415, /must be JSON/);
    assertOip(await call(`${server.url}/v2/nothing-<here>`), 404, /no such route/);
    const del = await fetch(`${server.url}/v2/models/pen`, { method: 'DELETE' });
    const delText = await del.text();
    assertOip({ status: del.status, headers: del.headers, text: delText }, 404, /no such route/);
    const v1 = await call(`${server.url}/v1/nothing`);
    assertProblem(v1, 404, /no such route/);
    assert.doesNotMatch(v1.text + delText, /nothing|<here>|DELETE/);
  });

  const refused: [string, string][] = [
    ['user info in Host', get('/v2/health/ready', 'Host: localhost:80@evil.com\r\n')],
    ['two Host headers', get('/v2/health/ready', 'Host: 127.0.0.1\r\nHost: evil.com\r\n')],
    ['an absolute-form target', get('http://evil.com/v2/health/ready')],
    ['an absolute-form target to the own host', get('http://127.0.0.1/v2/health/ready')],
    ['a path in Host', get('/v2/health/ready', 'Host: localhost/evil\r\n')],
    ['a space in Host', get('/v2/health/ready', 'Host: local host\r\n')],
  ];
  for (const [what, request] of refused) {
    it(`refuses ${what} with 400`, async () => {
      const r = await raw(port, request);
      assertOip(r, 400, /request target|Host header/);
      assert.doesNotMatch(r.body, /evil/);
    });
  }

  it('a plain Host, with or without a port, is served', async () => {
    assert.equal((await raw(port, get('/v2/health/ready', `Host: 127.0.0.1:${port}\r\n`))).status, 200);
    assert.equal((await raw(port, get('/v2/health/ready', 'Host: localhost\r\n'))).status, 200);
    assert.equal((await raw(port, get('/v2/health/ready', `Host: [::1]:${port}\r\n`))).status, 200);
  });

  it('query strings are validated: a bad or unknown parameter is a 400 naming it', async () => {
    const audit = `${server.url}/v1/admin/audit`;
    for (const q of ['limit=abc', 'limit=0', 'limit=1001', 'limit=1.5']) {
      const r = await call(`${audit}?${q}`);
      assertProblem(r, 400, /query parameter "limit"/);
      assert.doesNotMatch(r.text, /abc|1001|1\.5/);
    }
    assertProblem(await call(`${audit}?lmit=5`), 400, /unknown query parameter "lmit"/);
    const ok = await call(`${audit}?limit=5`);
    assert.equal(ok.status, 200);
    assert.ok(Array.isArray(ok.json.entries));
    assertOip(await call(`${server.url}/v2/models/pen?debug=1`), 400, /unknown query parameter "debug"/);
  });

  it('every route declares a querystring schema that refuses unknown parameters', () => {
    assert.ok(server.ctx.routes.length > 10);
    for (const r of server.ctx.routes) {
      assert.equal(r.querystring.type, 'object', `${r.method} ${r.url}`);
      assert.equal(r.querystring.additionalProperties, false, `${r.method} ${r.url}`);
    }
    const audit = server.ctx.routes.find((r) => r.url === '/v1/admin/audit')!;
    assert.deepEqual(Object.keys(audit.querystring.properties as object), ['limit']);
  });

  it('`lathe serve --port N` on a taken port is a one-line usage error, exit 2', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const p = (taken.address() as AddressInfo).port;
    try {
      const r = lathe(dir, ['serve', '--port', String(p), '--no-prediction-log']);
      assert.equal(r.code, 2, r.stderr);
      const lines = r.stderr.trim().split('\n').filter((l) => l.startsWith('error:'));
      assert.deepEqual(lines, [`error: port ${p} is in use — pick another with --port (0 picks a free one)`]);
      assert.doesNotMatch(r.stderr, /bug in Lathe|internal error/);
    } finally {
      taken.close();
    }
  });

  it('a privileged port or a foreign address is a usage error naming the flag', () => {
    const acces = listenError(Object.assign(new Error('listen EACCES'), { code: 'EACCES' }), '127.0.0.1', 80);
    assert.ok(acces instanceof LatheError && acces.code === 'BAD_USAGE');
    assert.match(acces.oneLine(), /port 80 needs privileges.*--port/);
    const foreign = listenError(Object.assign(new Error('listen EADDRNOTAVAIL'), { code: 'EADDRNOTAVAIL' }), '10.9.9.9', 8080);
    assert.ok(foreign instanceof LatheError && foreign.code === 'BAD_USAGE');
    assert.match(foreign.oneLine(), /10\.9\.9\.9 is not on this machine.*--host/);
    const other = new Error('boom');
    assert.equal(listenError(other, '127.0.0.1', 1), other);
  });
});
