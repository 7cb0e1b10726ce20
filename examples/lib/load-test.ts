import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'lathe.js');

/** What a load test measured. */
export interface LoadResult {
  seconds: number;
  connections: number;
  requests: number;
  req_per_s: number;
  p50_ms: number;
  p99_ms: number;
  non2xx: number;
  errors: number;
  /** The server's exit code after SIGTERM (0: drained cleanly). */
  server_exit: number | null;
}

/**
 * Starts `lathe serve` as its own process (the real CLI, so the load
 * generator in this process does not share the server's event loop), POSTs
 * one request body with autocannon for `seconds`, then stops the server with
 * SIGTERM and reports its exit code.
 */
export async function loadTest(home: string, model: string, body: unknown, seconds: number, connections = 16): Promise<LoadResult> {
  const child = spawn(process.execPath, [BIN, '--home', home, 'serve', '--port', '0', '--models', model, '--log-level', 'warn', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      try {
        resolve((JSON.parse(out) as { url: string }).url);
      } catch {
        // The document is not whole yet.
      }
    });
    void exited.then((code) => reject(new Error(`lathe serve exited with ${code} before it was ready`)));
  });
  let measured: Omit<LoadResult, 'server_exit'>;
  try {
    const opts = { url: `${url}/v2/models/${model}/infer`, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), connections };
    await autocannon({ ...opts, duration: 1 }); // warm-up: JIT and connections
    const r = await autocannon({ ...opts, duration: seconds });
    measured = { seconds, connections, requests: r.requests.total, req_per_s: Math.round(r.requests.average), p50_ms: r.latency.p50, p99_ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
  } finally {
    child.kill('SIGTERM');
  }
  // SIGTERM drains: the exit code says whether the shutdown was clean.
  return { ...measured, server_exit: await exited };
}
