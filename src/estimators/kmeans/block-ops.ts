import type { MessagePort } from 'node:worker_threads';
import type * as Kernels from './kernels.js';

/**
 * What every thread of a fit sees: the points, weights and per-row arrays
 * (in SharedArrayBuffers when there are workers), the per-block output
 * area, and the counter threads take block numbers from.
 */
export interface BlockContext {
  X: Float64Array;
  d: number;
  rows: number;
  blockRows: number;
  blocks: number;
  w: Float64Array;
  labels: Int32Array;
  closest: Float64Array;
  norms: Float64Array;
  /** k-means++'s candidate distances, L × rows (see candidatePotsBlock). */
  next: Float64Array;
  /** blocks × the op's stride doubles; block b writes at b × stride. */
  part: Float64Array;
  /** [0]: the next block to take. */
  counter: Int32Array;
}

/** One pass over all blocks; see kernels.ts for what each computes. */
export type BlockOp =
  | { op: 'norms' }
  | { op: 'assign'; k: number; cn: Float64Array; m2: Float64Array; accumulate: boolean }
  | { op: 'pots'; L: number; cn: Float64Array; m2: Float64Array }
  | { op: 'update'; cn: Float64Array; m2: Float64Array }
  | { op: 'take'; t: number }
  | { op: 'inertia'; centres: Float64Array };

/** The kernels a thread runs, passed in so that worker code built from source text finds them. */
export type KernelSet = Pick<typeof Kernels, 'normsBlock' | 'assignBlock' | 'candidatePotsBlock' | 'updateClosestBlock' | 'takeClosestBlock' | 'inertiaBlock'>;

/** Doubles each block writes for an op. Self-contained: see {@link runBlocks}. */
export function opStride(op: BlockOp, d: number): number {
  if (op.op === 'assign') return op.k * d + op.k + 2;
  if (op.op === 'pots') return op.L;
  return 1;
}

/**
 * Takes blocks from the shared counter until none is left and runs the op's
 * kernel on each. The main thread and every worker run this at once; which
 * thread does a block changes nothing, since each block writes its own slot.
 * Self-contained (uses only its arguments and globals) because workers are
 * built from its source text.
 */
export function runBlocks(ctx: BlockContext, op: BlockOp, K: KernelSet): void {
  const { X, d, rows, blockRows, blocks, w, part, counter } = ctx;
  for (;;) {
    const b = Atomics.add(counter, 0, 1);
    if (b >= blocks) return;
    const start = b * blockRows;
    const end = Math.min(rows, start + blockRows);
    switch (op.op) {
      case 'norms':
        part[b] = K.normsBlock(X, d, start, end, w, ctx.norms);
        break;
      case 'assign':
        K.assignBlock(X, d, start, end, op.k, op.cn, op.m2, ctx.labels, w, op.accumulate, part, b * (op.k * d + op.k + 2));
        break;
      case 'pots':
        K.candidatePotsBlock(X, d, start, end, op.L, op.cn, op.m2, ctx.closest, ctx.norms, w, ctx.next, part, b * op.L);
        break;
      case 'take':
        part[b] = K.takeClosestBlock(start, end, op.t, ctx.next, ctx.closest, w);
        break;
      case 'update':
        part[b] = K.updateClosestBlock(X, d, start, end, op.cn, op.m2, ctx.closest, ctx.norms, w);
        break;
      case 'inertia':
        part[b] = K.inertiaBlock(X, d, start, end, op.centres, ctx.labels, w);
        break;
    }
  }
}

/** A message to a worker: the context once, then ops. */
export type WorkerMessage = { op: 'load'; ctx: BlockContext } | BlockOp;

/**
 * A worker's message loop: keep the context, run ops, answer each message
 * with `{ ok }` (or the error text). Self-contained, like {@link runBlocks}.
 */
export function workerLoop(port: MessagePort, K: KernelSet, run: typeof runBlocks): void {
  let ctx: BlockContext | null = null;
  port.on('message', (m: WorkerMessage) => {
    try {
      if (m.op === 'load') ctx = m.ctx;
      else if (ctx === null) throw new Error('no context loaded');
      else run(ctx, m, K);
      port.postMessage({ ok: true });
    } catch (e) {
      port.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  });
}
