// Shared setup of the serving tests: a real home with penguins, three
// trained and registered versions of model "pen", and servers on loopback.
import { Writable } from 'node:stream';
import { registerRun, setAlias } from '../src/registry/index.js';
import { startServer, type RunningServer, type ServeOptions } from '../src/serve/index.js';
import { Home } from '../src/store/index.js';
import { penguinHome, trainRun } from './registry-helpers.js';

/** A home with model "pen": v1 logistic, v2 baseline, v3 logistic on Species of pen2; production → 1. */
export async function servedHome(): Promise<{ dir: string; home: Home; runs: string[] }> {
  const { dir, home } = await penguinHome();
  const runs = [
    await trainRun(home, 'pen2', 'Species', 'logistic'),
    await trainRun(home, 'pen2', 'Species', 'baseline'),
    await trainRun(home, 'pen2', 'Species', 'logistic', { seed: 7 } as never),
  ];
  for (const r of runs) await registerRun(home, r, { name: 'pen' });
  await setAlias(home, 'pen', 'production', 1, { actor: 'test' });
  return { dir, home, runs };
}

/** Log lines the server wrote, parsed. */
export class LogCapture extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _enc: string, cb: () => void): void {
    for (const l of chunk.toString().split('\n')) if (l.trim()) this.lines.push(JSON.parse(l));
    cb();
  }
}

/** Starts a server on a free loopback port with a fast poll and captured logs. */
export async function serve(home: Home, opts: ServeOptions = {}): Promise<RunningServer & { logs: LogCapture }> {
  const logs = new LogCapture();
  const s = await startServer(home, { port: 0, pollMs: 100, logStream: logs, ...opts });
  return Object.assign(s, { logs });
}

/** One penguin as OIP column tensors. */
export function penguinTensors(rows = 1): unknown[] {
  const rep = <T>(v: T) => Array.from({ length: rows }, () => v);
  return [
    { name: 'Island', datatype: 'BYTES', shape: [rows], data: rep('Torgersen') },
    { name: 'Beak Length (mm)', datatype: 'FP64', shape: [rows], data: rep(39.1) },
    { name: 'Beak Depth (mm)', datatype: 'FP64', shape: [rows], data: rep(18.7) },
    { name: 'Flipper Length (mm)', datatype: 'FP64', shape: [rows], data: rep(181) },
    { name: 'Body Mass (g)', datatype: 'FP64', shape: [rows], data: rep(3750) },
    { name: 'Sex', datatype: 'BYTES', shape: [rows], data: rep('MALE') },
  ];
}

/** fetch with JSON in and out. */
export async function call(url: string, init: { method?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {}): Promise<{ status: number; headers: Headers; json: any; text: string }> {
  const headers: Record<string, string> = { ...(init.body !== undefined || init.raw !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers };
  const res = await fetch(url, { method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'), headers, body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)) });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}
