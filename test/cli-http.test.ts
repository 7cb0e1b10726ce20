import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { csvText } from './fixtures.js';
import { homeState, latheAwait, tempDir } from './helpers.js';

describe('lathe ingest from HTTP, end to end', () => {
  let server: Server;
  let base: string;
  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/data.csv') {
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
    const r = await latheAwait(tempDir(), ['ingest', `${base}/data.csv`, '--name', 'web', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.rows, 4);
  });

  test('a 404, an oversized download and a bad URL fail cleanly', async () => {
    const home = tempDir();
    const nf = await latheAwait(home, ['ingest', `${base}/missing.csv`, '--name', 'web', '--json']);
    assert.equal(nf.code, 2);
    assert.equal(nf.json.error.code, 'HTTP_ERROR');
    assert.match(nf.json.error.message, /404/);
    const big = await latheAwait(home, ['ingest', `${base}/big.csv`, '--name', 'web', '--max-bytes', '1KB', '--json']);
    assert.equal(big.code, 2);
    assert.equal(big.json.error.code, 'TOO_LARGE');
    const bad = await latheAwait(home, ['ingest', 'http://', '--name', 'web', '--json']);
    assert.equal(bad.code, 2);
    assert.equal((await latheAwait(home, ['datasets', '--json'])).json.datasets.length, 0);
    assert.deepEqual(homeState(home), { artifacts: [], tmp: [] });
  });
});
