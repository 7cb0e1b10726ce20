import { availableParallelism } from 'node:os';
import { blockCount } from './histogram.js';
import { TreePool } from './thread-pool.js';
import { type BoostArrays, CHUNK_ROWS, OP, type TaskArrays, runUnit } from './work-ops.js';
import { buildBlock, partitionRows, reduceBlocks } from './work-view.js';
import { type TreeExecutor, type TreeWorkspace, serialExecutor } from './tree-workspace.js';

/** When tree learners use worker threads. */
export interface TreeThreadConfig {
  /** Threads in all, the calling one included; default every core. */
  threads: number;
  /** Fewer training rows than this stay on one thread (starting threads costs more than it saves). */
  minRows: number;
}

const config: TreeThreadConfig = { threads: availableParallelism(), minRows: 50_000 };

/**
 * Sets how gbdt and forest use threads, for every later fit in this process.
 * Models are identical whatever the setting; only speed changes.
 */
export function configureTreeThreads(c: Partial<TreeThreadConfig>): void {
  Object.assign(config, c);
}

/** The executor of one fit: its tree steps, plus whole-row operations over the bound arrays. */
export interface OpenExecutor {
  executor: TreeExecutor;
  /** Whether buffers must be SharedArrayBuffers. */
  shared: boolean;
  threads: number;
  /** Binds the fit's workspace (and boosting arrays) before the first tree. */
  bind(ws: TreeWorkspace, boost: BoostArrays | null): void;
  /** Runs units 0..units-1 of an operation (see work-ops), on every thread when there are several. */
  run(op: number, units: number, params: ArrayLike<number>): void;
  close(): void;
}

let pool: Promise<TreePool | null> | null = null;

function getPool(threads: number): Promise<TreePool | null> {
  if (!pool) {
    pool = TreePool.start(threads - 1).catch((e: unknown) => {
      process.emitWarning(`tree learners run on one thread: workers failed to start (${(e as Error).message})`);
      return null;
    });
  }
  return pool;
}

/** Opens the executor for a fit on `rows` rows: threads when the data is large enough and the pool is free. */
export async function openExecutor(rows: number): Promise<OpenExecutor> {
  const p = config.threads > 1 && rows >= config.minRows ? await getPool(config.threads) : null;
  if (!p || p.busy) return serial();
  p.busy = true;
  return threaded(p);
}

function taskArrays(ws: TreeWorkspace, boost: BoostArrays | null): TaskArrays {
  const maxChunks = Math.ceil(ws.n / CHUNK_ROWS) + 1;
  const shared = (bytes: number) => (ws.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  return { view: ws, goLeft: new Uint8Array(shared(256)), chunks: new Int32Array(shared(12 * maxChunks)), maxChunks, boost };
}

function serial(): OpenExecutor {
  let arrays: TaskArrays | null = null;
  return {
    executor: serialExecutor, shared: false, threads: 1,
    bind: (ws, boost) => void (arrays = taskArrays(ws, boost)),
    run(op, units, params) {
      const p = Int32Array.from(params);
      for (let u = 0; u < units; u++) runUnit(arrays!, op, u, p);
    },
    close: () => {},
  };
}

function threaded(p: TreePool): OpenExecutor {
  let arrays: TaskArrays | null = null;
  const executor: TreeExecutor = {
    buildHistogram(ws, slot, s, e) {
      const nb = blockCount(e - s, ws.maxBlocks);
      if (nb === 1) return buildBlock(ws, slot, s, e, 0, 1);
      p.run(OP.BUILD, nb, [slot, s, e, nb]);
      reduceBlocks(ws, slot, nb, ws.active);
    },
    partition(ws, s, e, feature, goLeft) {
      const chunks = Math.ceil((e - s) / CHUNK_ROWS);
      if (chunks < 2) return partitionRows(ws, s, e, feature, goLeft);
      const a = arrays!;
      a.goLeft.fill(0).set(goLeft);
      p.run(OP.PART_SPLIT, chunks, [s, e, feature]);
      return placeChunks(p, a, s, e, chunks);
    },
    activeChanged: () => p.publishActive(),
  };
  return {
    executor, shared: true, threads: p.threads,
    bind(ws, boost) {
      arrays = taskArrays(ws, boost);
      p.bind(arrays);
    },
    run: (op, units, params) => p.run(op, units, params),
    close: () => p.release(),
  };
}

/** Second phase of a parallel partition: where each chunk's rows go, then the copies. */
function placeChunks(p: TreePool, a: TaskArrays, s: number, e: number, chunks: number): number {
  const m = a.maxChunks;
  let lefts = 0;
  for (let c = 0; c < chunks; c++) lefts += a.chunks[c];
  let l = s;
  let r = s + lefts;
  for (let c = 0; c < chunks; c++) {
    const size = Math.min(e, s + (c + 1) * CHUNK_ROWS) - (s + c * CHUNK_ROWS);
    a.chunks[m + c] = l;
    a.chunks[2 * m + c] = r;
    l += a.chunks[c];
    r += size - a.chunks[c];
  }
  p.run(OP.PART_PLACE, chunks, [s, e]);
  return s + lefts;
}
