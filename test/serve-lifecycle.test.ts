import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { openServeStore, readPredictions } from '../src/serve/index.js';
import type { Home } from '../src/store/index.js';
import { BIN, ROOT } from './helpers.js';
import { penguinTensors, serve, servedHome } from './serve-helpers.js';

/**
 * Opens a request whose body is only half sent: in flight until `finish` is
 * called. `Expect: 100-continue` makes the server say when it has taken the
 * request, so the test knows it was accepted before any signal, with no sleep.
 */
async function halfSentRequest(url: string, path: string, body: string, id: string): Promise<{ finish(): void; response: Promise<string>; socket: Socket }> {
  const u = new URL(url);
  const socket = connect(Number(u.port), u.hostname);
  await new Promise((r) => socket.once('connect', r));
  let text = '';
  let accepted: () => void = () => {};
  const continued = new Promise<void>((r) => (accepted = r));
  const response = new Promise<string>((resolve) => {
    socket.on('data', (d) => {
      text += d;
      if (text.startsWith('HTTP/1.1 100 Continue\r\n\r\n')) {
        text = text.slice('HTTP/1.1 100 Continue\r\n\r\n'.length);
        accepted();
      }
    });
    socket.on('close', () => resolve(text));
  });
  const half = Math.floor(body.length / 2);
  socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\nx-request-id: ${id}\r\n\r\n`);
  await continued;
  socket.write(body.slice(0, half));
  return { finish: () => socket.write(body.slice(half)), response, socket };
}

describe('lathe serve: graceful drain', () => {
  let dir: string;
  let home: Home;

  before(async () => {
    ({ dir, home } = await servedHome());
  });
  after(async () => {
    await home.close();
  });

  test('while draining, readiness is 503 at once and a request accepted before finishes with 200', async () => {
    const server = await serve(home);
    const body = JSON.stringify({ inputs: penguinTensors(3) });
    const req = await halfSentRequest(server.url, '/v2/models/pen/infer', body, 'in-flight-0');
    const closing = server.close();
    const ready = await server.app.inject({ method: 'GET', url: '/v2/health/ready', headers: { host: '127.0.0.1' } });
    assert.equal(ready.statusCode, 503);
    assert.deepEqual(JSON.parse(ready.body), { ready: false });
    req.finish();
    const text = await req.response;
    assert.match(text, /^HTTP\/1\.1 200 OK/);
    assert.match(text, /"model_version":"1"/);
    await closing;
  });

  test('lathe serve prints its URL and models, and on SIGTERM finishes the in-flight request, flushes the log and exits 0', async () => {
    const child = spawn(process.execPath, [BIN, '--home', dir, 'serve', '--port', '0', '--json', '--drain-seconds', '5', '--log-level', 'warn'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const ready = await new Promise<{ url: string; auth: boolean; models: { name: string; versions: number[]; aliases: Record<string, number> }[] }>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        stdout += d;
        try {
          resolve(JSON.parse(stdout));
        } catch {
          // not the whole document yet
        }
      });
      child.on('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
    });
    assert.match(ready.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(ready.auth, false);
    assert.deepEqual(ready.models, [{ name: 'pen', versions: [1, 2, 3], aliases: { production: 1 } }]);
    const req = await halfSentRequest(ready.url, '/v2/models/pen/infer', JSON.stringify({ inputs: penguinTensors(2) }), 'in-flight-1');
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    req.finish();
    const text = await req.response;
    assert.match(text, /^HTTP\/1\.1 200 OK/, text);
    assert.match(text, /x-request-id: in-flight-1/);
    assert.equal(await exited, 0, stderr);
    const store = openServeStore(home);
    try {
      const rows = (await readPredictions(store, 'pen', { limit: 100000 })).filter((r) => r.request_id === 'in-flight-1');
      assert.equal(rows.length, 2, 'the log queue was flushed before exit');
    } finally {
      await store.close();
    }
  });

  test('lathe serve refuses bad options and unknown models with exit 2', async () => {
    const { cli } = await import('./registry-helpers.js');
    const cases: [string[], RegExp][] = [
      [['serve', '--models', 'nope', '--port', '0'], /model "nope" does not exist/],
      [['serve', '--port', 'eighty'], /--port "eighty" is not a whole number/],
      [['serve', '--max-body', 'lots'], /size "lots" is not a byte size/],
      [['serve', '--rate-limit', 'fast'], /--rate-limit "fast" is not N\/s, N\/m or N\/h/],
      [['serve', '--log-sample', '2'], /--log-sample 2 is out of range 0–1/],
      [['serve', '--auth', '--insecure-no-auth'], /--auth and --insecure-no-auth contradict each other/],
    ];
    for (const [args, re] of cases) {
      const r = cli(dir, args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, re);
    }
  });
});
