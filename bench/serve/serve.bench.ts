/**
 * Serving benchmark (issue 7): autocannon over loopback, 50 connections for
 * 10 s, single-row OIP infer against the flights gbdt (100 trees), and in
 * the same run, with the same load generator, a bare node:http server that
 * answers a fixed JSON body. Also rows/s with 1,000-row requests, and the
 * cost of the prediction log and of per-request logs.
 * Run: node --import tsx bench/serve/serve.bench.ts [--seconds 10] [--connections 50] [--rounds 3]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { BENCH_HOME, ensureFlightsModel, flightTensors } from './flights-model.js';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, '..', '..', 'bin', 'lathe.js');
const args = process.argv.slice(2);
const flag = (name: string, d: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : d);
const SECONDS = flag('--seconds', 10);
const CONNECTIONS = flag('--connections', 50);

interface Row {
  name: string;
  /** Server CPU (user + system) per request, µs: robust to other work on the machine, unlike req/s. */
  cpuUs: number;
  reqPerS: number;
  p50: number;
  p99: number;
  rowsPerS: number;
  non2xx: number;
}

/** Starts a child that prints one JSON line with its port or url. */
async function startChild(cmd: string[], quietStderr: boolean): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, cmd, { stdio: ['ignore', 'pipe', quietStderr ? 'ignore' : 'inherit'] });
  let out = '';
  const doc = await new Promise<{ url?: string; port?: number }>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      try {
        resolve(JSON.parse(out));
      } catch {
        // wait for the whole document
      }
    });
    child.on('exit', (code) => reject(new Error(`child exited with ${code}`)));
  });
  return { url: doc.url ?? `http://127.0.0.1:${doc.port}`, child };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** A process's CPU time so far in ms, from /proc (Linux). */
function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime, stime in clock ticks of 1/100 s
}

async function load(pid: number, url: string, path: string, body: string, rows: number, seconds: number, connections: number, name: string): Promise<Row> {
  const opts = { url: `${url}${path}`, method: 'POST' as const, headers: { 'content-type': 'application/json' }, body, connections };
  await autocannon({ ...opts, duration: 1 }); // warm-up: JIT, connection setup
  const c0 = cpuMs(pid);
  const r = await autocannon({ ...opts, duration: seconds });
  const cpuUs = ((cpuMs(pid) - c0) * 1000) / Math.max(1, r.requests.total);
  return { name, cpuUs, reqPerS: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, rowsPerS: r.requests.average * rows, non2xx: r.non2xx + r.errors };
}

const cpu = cpus();
const machine = () => `${cpu.length} × ${cpu[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
console.log(`machine: ${machine()}, ${new Date().toISOString()}`);
const trained = await ensureFlightsModel((s) => console.log(s));
if (trained > 0) console.log(`trained the flights model in ${trained.toFixed(1)} s`);

const ROUNDS = flag('--rounds', 3);
const single = JSON.stringify({ inputs: flightTensors(1) });
const thousand = JSON.stringify({ inputs: flightTensors(1000) });
const latheCmd = (extra: string[]) => [BIN, '--home', BENCH_HOME, 'serve', '--port', '0', '--json', '--models', 'flights', ...extra];
// Every server runs for the whole benchmark; load runs alternate between
// them round by round, so a burst of other work on the machine hits all alike.
const servers = [
  { name: 'bare node:http, fixed JSON', ...(await startChild([join(here, 'bare-server.mjs')], false)) },
  { name: 'bare Fastify 5, fixed JSON (reference)', ...(await startChild([join(here, 'fastify-server.mjs')], false)) },
  { name: 'Lathe, prediction log on', ...(await startChild(latheCmd(['--log-level', 'warn']), false)) },
  { name: 'Lathe, prediction log off', ...(await startChild(latheCmd(['--log-level', 'warn', '--no-prediction-log']), false)) },
  { name: 'Lathe, prediction log on + a log line per request', ...(await startChild(latheCmd(['--log-level', 'info']), true)) },
  { name: 'Lathe, prediction log on, micro-batching off', ...(await startChild(latheCmd(['--log-level', 'warn', '--no-batching']), false)) },
];
const runs = new Map<string, Row[]>();
const record = (r: Row) => runs.set(r.name, [...(runs.get(r.name) ?? []), r]);
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const s of servers) record(await load(s.child.pid!, s.url, '/v2/models/flights/infer', single, 1, SECONDS, CONNECTIONS, s.name));
    for (const s of servers.slice(2, 4)) record(await load(s.child.pid!, s.url, '/v2/models/flights/infer', thousand, 1000, SECONDS, 8, `${s.name}, 1000-row requests, 8 connections`));
  }
} finally {
  for (const s of servers) await stop(s.child);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows: Row[] = [...runs.values()].map((rs) => ({
  name: rs[0].name, cpuUs: median(rs.map((r) => r.cpuUs)), reqPerS: median(rs.map((r) => r.reqPerS)), p50: median(rs.map((r) => r.p50)), p99: median(rs.map((r) => r.p99)),
  rowsPerS: median(rs.map((r) => r.rowsPerS)), non2xx: rs.reduce((n, r) => n + r.non2xx, 0),
}));
const base = rows[0].reqPerS;
console.log(`\n### Serving: ${CONNECTIONS} connections, ${SECONDS} s a run, medians of ${ROUNDS} rounds, loopback (load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);
console.log('| server | req/s | vs bare | p50 ms | p99 ms | rows/s | server CPU µs/request | non-2xx |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.name} | ${Math.round(r.reqPerS).toLocaleString('en-US')} | ${(r.reqPerS / base).toFixed(2)}× | ${r.p50} | ${r.p99} | ${Math.round(r.rowsPerS).toLocaleString('en-US')} | ${Math.round(r.cpuUs)} | ${r.non2xx} |`);
}
console.log(`\nper run (req/s): ${[...runs.values()].map((rs) => `${rs[0].name}: ${rs.map((r) => Math.round(r.reqPerS)).join(', ')}`).join('; ')}`);
