/**
 * Lathe's CPU per single-row request without the network: Fastify's inject
 * into the real server app, against a bare Fastify route, in one process.
 * Run: node --import tsx bench/serve/inject-cost.ts
 */
import Fastify from 'fastify';
import { startServer } from '../../src/serve/index.js';
import { Home } from '../../src/store/index.js';
import { BENCH_HOME, flightTensors } from './flights-model.js';
import { Writable } from 'node:stream';

const home = await Home.open({ dir: BENCH_HOME });
const sink = new Writable({ write: (_c, _e, cb) => cb() });
const server = await startServer(home, { port: 0, models: ['flights'], predictionLog: process.argv.includes('--log'), logLevel: 'warn', logStream: sink });
const bare = Fastify();
const fixed = { model_name: 'flights', model_version: '1', id: 'x', outputs: [{ name: 'predict', datatype: 'BYTES', shape: [1], data: ['0'] }] };
bare.post('/v2/models/flights/infer', async () => fixed);
const payload = JSON.stringify({ inputs: flightTensors(1) });
const opts = { method: 'POST' as const, url: '/v2/models/flights/infer', headers: { 'content-type': 'application/json', host: '127.0.0.1' }, payload };
for (const [name, app] of [['bare Fastify', bare], ['Lathe', server.app]] as const) {
  for (let i = 0; i < 3000; i++) await app.inject(opts);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < 3000) {
    const r = await app.inject(opts);
    if (r.statusCode !== 200) throw new Error(r.body);
    n++;
  }
  const c = process.cpuUsage(c0);
  console.log(`${name}: ${((c.user + c.system) / n).toFixed(0)} µs CPU per request (${n} requests)`);
}
await server.close();
await home.close();
