/**
 * Monitoring-state benchmark (issue 8): how fast windows absorb logged
 * predictions, and the memory of one model's monitoring state as the log
 * grows to 10M predictions.
 *
 * 1. In memory: 10M generated rows (8 inputs: 5 numbers, 3 labels, plus the
 *    prediction and latency) through `buildWindows` with hourly windows at
 *    ~280 rows/s of simulated traffic (1M rows an hour, so windows pass
 *    the 100k raw limit, so the sketches carry them). Rows/s and the heap after
 *    every 1M rows: the state must stay flat.
 * 2. From the real serving log: 200k rows appended to SQLite by the serving
 *    store, read back through `predictionLogSource` into windows: rows/s of the
 *    whole read → JSON → sketches path.
 * Run: node --expose-gc --import tsx bench/monitor/windows.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../../src/core/index.js';
import { buildWindows, type LoggedRow, type PredictionSource, parseWindow, predictionLogSource } from '../../src/monitor/index.js';
import { openServeStore } from '../../src/serve/index.js';
import { Home } from '../../src/store/index.js';

const TOTAL = Number(process.env.ROWS ?? 10_000_000);
const gc = (globalThis as { gc?: () => void }).gc;

function row(i: number, rng: Rng): LoggedRow {
  return {
    id: i + 1,
    at_ms: 1_700_000_000_000 + Math.floor(i * 3.6),
    inputs: {
      a: rng.next() * 100,
      b: rng.next() < 0.05 ? null : rng.next(),
      c: Math.floor(rng.next() * 1000),
      d: rng.next() * rng.next(),
      e: -rng.next(),
      plan: rng.next() < 0.7 ? 'free' : 'pro',
      country: `c${Math.floor(rng.next() ** 2 * 200)}`,
      device: rng.next() < 0.5 ? 'ios' : 'android',
    },
    outputs: { prediction: rng.next() < 0.3 ? 'yes' : 'no' },
    latency_ms: 1 + rng.next() * 10,
  };
}

/** A source that makes rows as they are read, so the benchmark holds no log of its own. */
function generated(total: number): PredictionSource {
  const rng = new Rng(1);
  return {
    read: async (_m, q) => {
      const out: LoggedRow[] = [];
      for (let i = q.sinceId; i < Math.min(total, q.sinceId + q.limit); i++) out.push(row(i, rng));
      return out;
    },
  };
}

async function inMemory(): Promise<Record<string, unknown>> {
  const heap: number[] = [];
  let seen = 0;
  let windows = 0;
  let nextMark = 1_000_000;
  const source = generated(TOTAL);
  const counting: PredictionSource = {
    read: async (m, q) => {
      const rows = await source.read(m, q);
      seen += rows.length;
      if (seen >= nextMark) {
        gc?.();
        heap.push(Math.round(process.memoryUsage().heapUsed / 2 ** 20));
        nextMark += 1_000_000;
      }
      return rows;
    },
  };
  const t0 = performance.now();
  const { open } = await buildWindows(counting, 'm', parseWindow('1h'), { pageSize: 5000, onWindow: () => void windows++ });
  const seconds = (performance.now() - t0) / 1000;
  return {
    rows: TOTAL,
    seconds: Number(seconds.toFixed(1)),
    rows_per_second: Math.round(TOTAL / seconds),
    closed_windows: windows,
    open_window_rows: open?.rows ?? 0,
    heap_mb_after_each_million: heap,
    peak_rss_mb: Math.round((process.resourceUsage().maxRSS * 1024) / 2 ** 20),
  };
}

async function fromSqlite(rows: number): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'lathe-bench-windows-'));
  const home = await Home.open({ dir });
  const store = openServeStore(home);
  try {
    const rng = new Rng(2);
    for (let start = 0; start < rows; start += 10_000) {
      const batch = Array.from({ length: 10_000 }, (_, k) => {
        const r = row(start + k, rng);
        return { request_id: `r${start + k}`, model: 'm', version: 1, role: 'primary' as const, at_ms: r.at_ms, row_index: 0, inputs: JSON.stringify(r.inputs), outputs: JSON.stringify(r.outputs), latency_ms: r.latency_ms! };
      });
      await store.appendPredictions(batch);
    }
    const t0 = performance.now();
    let windows = 0;
    const { open } = await buildWindows(predictionLogSource(store), 'm', parseWindow('100000'), { pageSize: 5000, onWindow: () => void windows++ });
    const seconds = (performance.now() - t0) / 1000;
    return { rows, seconds: Number(seconds.toFixed(2)), rows_per_second: Math.round(rows / seconds), closed_windows: windows, open_window_rows: open?.rows ?? 0 };
  } finally {
    await store.close();
    await home.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const load0 = loadavg()[0];
const memory = await inMemory();
const sqlite = await fromSqlite(200_000);
console.log(JSON.stringify({ machine: `${cpus().length} × ${cpus()[0]?.model.trim()}`, node: process.version, date: new Date().toISOString().slice(0, 10), load_average_start: Number(load0.toFixed(2)), load_average_end: Number(loadavg()[0].toFixed(2)), in_memory: memory, from_sqlite_log: sqlite }, null, 2));
