import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvText } from './fixtures.js';
import { homeState, latheAwait, tempDir } from './helpers.js';

describe('lathe ingest from HTTP, end to end', () => {
  let server: Server;
  let base: string;
  let requests = 0;
  before(async () => {
    server = createServer((req, res) => {
      requests++;
      if (req.url === '/data.csv') {
        res.writeHead(200, { 'content-type': 'text/csv' });
        res.end(csvText());
      } else if (req.url?.startsWith('/data.csv?')) {
        // Signed-URL style parameters: served like /data.csv, so the URL is what gets stored.
        res.writeHead(200, { 'content-type': 'text/csv' });
        res.end(csvText());
      } else if (req.url === '/big.csv') {
        res.writeHead(200, { 'content-type': 'text/csv' });
        res.end('x\n' + '1\n'.repeat(100_000));
      } else {
        res.writeHead(404);
        res.end('not here');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  test('a CSV URL ingests', async () => {
    const r = await latheAwait(tempDir(), ['ingest', `${base}/data.csv`, '--name', 'web', '--allow-private-hosts', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.rows, 4);
  });

  test('a 404, an oversized download and a bad URL fail cleanly', async () => {
    const home = tempDir();
    const nf = await latheAwait(home, ['ingest', `${base}/missing.csv`, '--name', 'web', '--allow-private-hosts', '--json']);
    assert.equal(nf.code, 2);
    assert.equal(nf.json.error.code, 'HTTP_ERROR');
    assert.match(nf.json.error.message, /404/);
    const big = await latheAwait(home, ['ingest', `${base}/big.csv`, '--name', 'web', '--max-bytes', '1KB', '--allow-private-hosts', '--json']);
    assert.equal(big.code, 2);
    assert.equal(big.json.error.code, 'TOO_LARGE');
    const bad = await latheAwait(home, ['ingest', 'http://', '--name', 'web', '--json']);
    assert.equal(bad.code, 2);
    assert.equal((await latheAwait(home, ['datasets', '--json'])).json.datasets.length, 0);
    assert.deepEqual(homeState(home), { artifacts: [], tmp: [] });
  });

  test('by default a loopback URL is refused, exit 2, naming the address class and the opt-in; nothing fetched or stored', async () => {
    const home = tempDir();
    const port = new URL(base).port;
    const before = requests;
    // The full list of forms is in http-source.test.ts; here a few, end to end.
    for (const host of ['127.0.0.1', '2130706433', '[::ffff:127.0.0.1]', 'localhost']) {
      const r = await latheAwait(home, ['ingest', `http://${host}:${port}/data.csv`, '--name', 'web', '--json']);
      assert.equal(r.code, 2, `${host}: ${r.stderr}`);
      assert.equal(r.json.error.code, 'PRIVATE_ADDRESS');
      assert.match(r.json.error.message, /a loopback address/);
      assert.match(r.json.error.hint, /--allow-private-hosts/);
      assert.match(r.json.error.hint, /ingest: \{ allow_private_hosts: true \}/);
    }
    const meta = await latheAwait(home, ['ingest', 'http://169.254.169.254/latest/meta-data/x.csv', '--name', 'web']);
    assert.equal(meta.code, 2);
    assert.match(meta.stderr, /^error: http:\/\/169\.254\.169\.254\/latest\/meta-data\/x\.csv: refused to connect: 169\.254\.169\.254 is a link-local \(cloud metadata\) address — pass --allow-private-hosts/);
    assert.equal(meta.stderr.trim().split('\n').length, 1, 'one line');
    for (const host of ['10.0.0.1', '[fd00::1]']) {
      const r = await latheAwait(home, ['ingest', `http://${host}/x.csv`, '--name', 'web', '--json']);
      assert.equal(r.code, 2);
      assert.match(r.json.error.message, /address/);
    }
    assert.equal(requests, before, 'the server was never reached');
    assert.equal((await latheAwait(home, ['datasets', '--json'])).json.datasets.length, 0);
    assert.deepEqual(homeState(home), { artifacts: [], tmp: [] });
  });

  test('ingest: { allow_private_hosts: true } in the --config lathe.yaml allows it; a bad value is refused by path', async () => {
    const home = tempDir();
    const yaml = join(home, 'lathe.yaml');
    writeFileSync(yaml, 'ingest:\n  allow_private_hosts: true\n');
    const ok = await latheAwait(home, ['ingest', `${base}/data.csv`, '--name', 'web', '--config', yaml, '--json']);
    assert.equal(ok.code, 0, ok.stderr);
    writeFileSync(yaml, 'ingest:\n  allow_private_hosts: "yes"\n');
    const bad = await latheAwait(home, ['ingest', `${base}/data.csv`, '--name', 'web2', '--config', yaml, '--json']);
    assert.equal(bad.code, 2);
    assert.match(bad.json.error.message, /ingest\.allow_private_hosts/);
  });

  test('signed-URL and token parameters, and a token user name, are redacted in lathe.db, dataset show, output and errors', async () => {
    const home = tempDir();
    const names = ['X-Amz-Signature', 'X-Amz-Credential', 'X-Amz-Security-Token', 'X-Goog-Signature', 'X-Goog-Credential', 'sig', 'token', 'access_token', 'api_key', 'apikey', 'client_secret', 'auth', 'passwd', 'password'];
    const query = names.map((n, i) => `${n}=SECRET${i}x`).join('&');
    const u = new URL(`${base}/data.csv?${query}&page=2`);
    u.username = 'TOKENUSERx';
    const leaks = (text: string) => [...names.map((_, i) => `SECRET${i}x`), 'TOKENUSERx'].filter((s) => text.includes(s));
    const ok = await latheAwait(home, ['ingest', u.toString(), '--name', 'signed', '--allow-private-hosts', '--format', 'csv', '--json']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(leaks(ok.stdout + ok.stderr), []);
    const list = await latheAwait(home, ['datasets', 'signed']);
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(leaks(list.stdout), []);
    const show = await latheAwait(home, ['dataset', 'show', 'signed']);
    assert.equal(show.code, 0, show.stderr);
    assert.deepEqual(leaks(show.stdout + show.stderr), []);
    for (const n of names) assert.ok(show.stdout.includes(`${n}=***`), `${n} shown redacted`);
    assert.ok(show.stdout.includes('page=2'));
    const showJson = await latheAwait(home, ['dataset', 'show', 'signed', '--json']);
    assert.deepEqual(leaks(showJson.stdout), []);
    assert.deepEqual(leaks(readFileSync(join(home, 'lathe.db')).toString('latin1')), [], 'nothing secret in lathe.db');
    // Errors: a 404 with the same parameters.
    const missing = new URL(u);
    missing.pathname = '/missing.csv';
    const err = await latheAwait(home, ['ingest', missing.toString(), '--name', 'signed2', '--allow-private-hosts']);
    assert.equal(err.code, 2);
    assert.deepEqual(leaks(err.stderr + err.stdout), []);
    assert.match(err.stderr, /X-Amz-Signature=\*\*\*/);
    const refused = await latheAwait(home, ['ingest', u.toString(), '--name', 'signed3']);
    assert.equal(refused.code, 2);
    assert.deepEqual(leaks(refused.stderr), []);
  });
});
