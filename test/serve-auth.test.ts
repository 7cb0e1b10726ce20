import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createKey, openServeStore, resolveServeOptions, type RouteScope, type ServeStore } from '../src/serve/index.js';
import type { Home } from '../src/store/index.js';
import { cli } from './registry-helpers.js';
import { call, penguinTensors, serve, servedHome } from './serve-helpers.js';

/** The scope each route must declare: the security contract of issue 7. */
const EXPECTED: Record<string, RouteScope> = {
  'GET /v2/health/live': 'none',
  'GET /v2/health/ready': 'none',
  'GET /v2': 'read',
  'GET /v2/models/:name': 'read',
  'GET /v2/models/:name/versions/:version': 'read',
  'GET /v2/models/:name/ready': 'read',
  'GET /v2/models/:name/versions/:version/ready': 'read',
  'POST /v2/models/:name/infer': 'predict',
  'POST /v2/models/:name/versions/:version/infer': 'predict',
  'POST /v1/models/:target': 'predict',
  'GET /v1/models/:target': 'read',
  'POST /v1/models/:name/feedback': 'predict',
  'GET /v1/admin/models': 'admin',
  'PUT /v1/admin/models/:name/aliases/:alias': 'admin',
  'POST /v1/admin/models/:name/rollout': 'admin',
  'GET /v1/admin/audit': 'admin',
  'GET /metrics': 'read',
};

/** A concrete request for a route template. */
function requestFor(method: string, url: string): { path: string; body?: unknown } {
  const path = url
    .replace(':target', method === 'POST' ? 'pen:predict' : 'pen')
    .replace(':name', 'pen')
    .replace(':version', '1')
    .replace(':alias', 'staging');
  if (url.endsWith('/infer')) return { path, body: { inputs: penguinTensors(1) } };
  if (url === '/v1/models/:target' && method === 'POST') return { path, body: { instances: [{ Island: 'Dream', 'Beak Length (mm)': 40, 'Beak Depth (mm)': 18, 'Flipper Length (mm)': 190, 'Body Mass (g)': 3700, Sex: 'MALE' }] } };
  if (url.endsWith('/feedback')) return { path, body: { id: 'req-1', label: 'Adelie' } };
  if (url.endsWith('/aliases/:alias')) return { path, body: { version: 2, message: 'via http' } };
  if (url.endsWith('/rollout')) return { path, body: { shadow: 3, percent: 5 } };
  return { path };
}

describe('lathe serve: keys, scopes, rate limits, CORS', () => {
  let dir: string;
  let home: Home;
  let store: ServeStore;
  const keys: Record<string, string> = {};

  before(async () => {
    ({ dir, home } = await servedHome());
    store = openServeStore(home);
    for (const scope of ['read', 'predict', 'admin'] as const) keys[scope] = (await createKey(store, `k-${scope}`, scope, 'test')).key;
  });
  after(async () => {
    await store.close();
    await home.close();
  });

  test('every registered route declares the scope the contract gives it, and enforces it', async () => {
    const server = await serve(home, { auth: true });
    try {
      const declared = Object.fromEntries(server.ctx.routes.map((r) => [`${r.method} ${r.url}`, r.scope]));
      assert.deepEqual(declared, EXPECTED, 'a new route must be added here with its scope');
      const bearer = (k: string) => ({ authorization: `Bearer ${k}` });
      const weaker: Record<string, string | null> = { none: null, read: null, predict: keys.read, admin: keys.predict };
      for (const r of server.ctx.routes) {
        const { path, body } = requestFor(r.method, r.url);
        const go = (headers: Record<string, string>) => call(`${server.url}${path}`, { method: r.method, body, headers });
        const label = `${r.method} ${r.url}`;
        if (r.scope === 'none') {
          assert.equal((await go({})).status, 200, label);
          continue;
        }
        const none = await go({});
        assert.equal(none.status, 401, label);
        assert.equal(none.headers.get('www-authenticate'), 'Bearer');
        assert.equal((await go(bearer('lk_000000000000_' + 'A'.repeat(43)))).status, 401, label);
        assert.equal((await go({ 'x-api-key': 'not-a-key' })).status, 401, label);
        const low = weaker[r.scope];
        if (low) {
          const forbidden = await go(bearer(low));
          assert.equal(forbidden.status, 403, label);
          assert.match(forbidden.text, new RegExp(`this route needs ${r.scope}`));
        }
        const ok = await go(bearer(keys[r.scope]));
        assert.ok(ok.status < 300, `${label} with scope ${r.scope}: ${ok.status} ${ok.text}`);
        // admin ⊇ predict ⊇ read
        assert.ok((await go({ 'x-api-key': keys.admin })).status < 300, `${label} with admin`);
      }
      const audit = (await call(`${server.url}/v1/admin/audit`, { headers: bearer(keys.admin) })).json.entries;
      assert.ok(audit.some((e: { action: string; actor: string; target: string }) => e.action === 'alias.set' && e.actor === 'k-admin' && e.target === 'pen@staging'));
      assert.ok(audit.some((e: { action: string; actor: string }) => e.action === 'rollout.shadow' && e.actor === 'k-admin'));
    } finally {
      await server.close();
    }
  });

  test('a revoked key is refused after the next poll; the CLI prints a key once and stores only a salted hash', async () => {
    const server = await serve(home, { auth: true });
    try {
      const created = cli(dir, ['keys', 'create', '--name', 'ci', '--scope', 'predict', '--json']);
      assert.equal(created.code, 0, created.stderr);
      const key: string = created.json.key;
      assert.match(key, /^lk_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
      await server.refresh();
      const headers = { authorization: `Bearer ${key}` };
      assert.equal((await call(`${server.url}/v2/models/pen/infer`, { body: { inputs: penguinTensors(1) }, headers })).status, 200);
      const list = cli(dir, ['keys', 'list', '--json']);
      assert.ok(!list.stdout.includes(key.split('_')[2]), 'the secret is never listed');
      const stored = (await store.listKeys()).find((k) => k.name === 'ci')!;
      assert.notEqual(stored.hash, key);
      assert.equal(stored.hash.length, 64);
      assert.ok(!JSON.stringify(stored).includes(key.split('_')[2]));
      const revoke = cli(dir, ['keys', 'revoke', 'ci', '--json']);
      assert.equal(revoke.code, 0, revoke.stderr);
      await server.refresh();
      const refused = await call(`${server.url}/v2/models/pen/infer`, { body: { inputs: penguinTensors(1) }, headers });
      assert.equal(refused.status, 401);
      assert.match(refused.json.error, /the API key is not valid/);
      assert.ok(!server.logs.lines.some((l) => JSON.stringify(l).includes(key.split('_')[2])), 'no key in the logs');
      const actions = (await store.listAudit()).filter((e) => e.target === 'key:ci').map((e) => e.action);
      assert.deepEqual(actions, ['key.create', 'key.revoke']);
    } finally {
      await server.close();
    }
    const cases: [string[], RegExp][] = [
      [['keys', 'create', '--name', 'x', '--scope', 'root'], /scope "root" is not one of read, predict, admin/],
      [['keys', 'create', '--name', 'k-read'], /an API key named "k-read" already exists/],
      [['keys', 'create', '--name', '../x'], /key name "..\/x" is not allowed/],
      [['keys', 'revoke', 'ci'], /no valid API key named "ci"/],
    ];
    for (const [args, re] of cases) {
      const r = cli(dir, args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, re);
    }
  });

  test('rate limit per key: 429 with Retry-After, other keys unaffected, health exempt', async () => {
    const server = await serve(home, { auth: true, rateLimit: { count: 5, perSeconds: 60 } });
    try {
      const go = (key: string) => call(`${server.url}/v2/models/pen`, { headers: { authorization: `Bearer ${key}` } });
      for (let i = 0; i < 5; i++) assert.equal((await go(keys.read)).status, 200);
      const limited = await go(keys.read);
      assert.equal(limited.status, 429);
      assert.ok(Number(limited.headers.get('retry-after')) >= 1);
      assert.match(limited.json.error, /rate limit exceeded/);
      assert.equal((await go(keys.predict)).status, 200, 'the limit is per key');
      for (let i = 0; i < 10; i++) assert.equal((await call(`${server.url}/v2/health/live`)).status, 200);
    } finally {
      await server.close();
    }
  });

  test('auth is required off loopback unless --insecure-no-auth, which warns loudly', async () => {
    assert.equal(resolveServeOptions({ host: '127.0.0.1' }).authRequired, false);
    assert.equal(resolveServeOptions({ host: '127.0.0.1', auth: true }).authRequired, true);
    assert.equal(resolveServeOptions({ host: '0.0.0.0' }).authRequired, true);
    assert.equal(resolveServeOptions({ host: '0.0.0.0', insecureNoAuth: true }).authRequired, false);
    assert.equal(resolveServeOptions({ host: '0.0.0.0' }).allowedHosts, null);
    assert.throws(() => resolveServeOptions({ auth: true, insecureNoAuth: true }), /--auth and --insecure-no-auth contradict each other/);
    const server = await serve(home, { host: '0.0.0.0' });
    try {
      const url = server.url.replace('0.0.0.0', '127.0.0.1');
      assert.equal((await call(`${url}/v2/models/pen`)).status, 401);
      assert.equal((await call(`${url}/v2/health/live`)).status, 200);
    } finally {
      await server.close();
    }
    const open = await serve(home, { host: '0.0.0.0', insecureNoAuth: true });
    try {
      assert.equal((await call(`${open.url.replace('0.0.0.0', '127.0.0.1')}/v2/models/pen`)).status, 200);
      assert.ok(open.logs.lines.some((l) => String(l.msg).startsWith('SECURITY WARNING: serving 0.0.0.0 WITHOUT AUTHENTICATION')));
    } finally {
      await open.close();
    }
  });

  test('CORS is off unless configured; configured origins get headers and preflights', async () => {
    const plain = await serve(home);
    try {
      const r = await call(`${plain.url}/v2/health/live`, { headers: { origin: 'https://app.example' } });
      assert.equal(r.headers.get('access-control-allow-origin'), null);
    } finally {
      await plain.close();
    }
    const server = await serve(home, { corsOrigins: ['https://app.example'] });
    try {
      const ok = await call(`${server.url}/v2/models/pen`, { headers: { origin: 'https://app.example' } });
      assert.equal(ok.headers.get('access-control-allow-origin'), 'https://app.example');
      const other = await call(`${server.url}/v2/models/pen`, { headers: { origin: 'https://evil.example' } });
      assert.equal(other.headers.get('access-control-allow-origin'), null);
      const pre = await call(`${server.url}/v2/models/pen/infer`, { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' } });
      assert.equal(pre.status, 204);
      assert.match(pre.headers.get('access-control-allow-headers')!, /authorization/);
    } finally {
      await server.close();
    }
  });
});
