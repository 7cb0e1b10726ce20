import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { LatheError } from '../../errors.js';
import { type BlockContext, type BlockOp, opStride, runBlocks } from './block-ops.js';
import { assignStride, centreTerms } from './kernels.js';
import { plusPlusTrials } from './plusplus.js';
import { BLOCK_ROWS, type Points } from './points.js';
import { KERNELS, spawnKernelWorker } from './worker-source.js';

/**
 * Runs k-means passes over the blocks of the points on this thread and on
 * worker threads together, and reduces the per-block results in block
 * order: the same data gives the same bits with any number of threads.
 */
export interface KMeansExecutor {
  readonly points: Points;
  readonly weights: Float64Array;
  /** The current label of every row; -1 before the first assignment. */
  readonly labels: Int32Array;
  /** k-means++'s squared distance from each row to its closest chosen centre. */
  readonly closest: Float64Array;
  /** Labels every row; returns k·d sums, k weights, changed count, objective. */
  assign(centres: Float64Array, k: number, accumulate: boolean): Promise<Float64Array>;
  /** The potential of each of L candidate centres (row-major L × d); keeps their distances for {@link takeCandidate}. */
  candidatePots(candidates: Float64Array, L: number): Promise<Float64Array>;
  /** Makes candidate t of the last {@link candidatePots} a centre; returns each block's new potential. */
  takeCandidate(t: number): Promise<Float64Array>;
  /** Lowers `closest` to the distance to `centre`; returns each block's new potential. */
  updateClosest(centre: Float64Array): Promise<Float64Array>;
  /** Σ w·||x − c_label||² with the current labels. */
  inertia(centres: Float64Array, k: number): Promise<number>;
  /** Releases the worker threads. */
  close(): Promise<void>;
}

/**
 * How many worker threads a fit of this size should use: none below ~8M
 * multiply-adds per pass, where starting a worker (~30–50 ms) costs more
 * than it saves; else one per extra core.
 */
export function workerCount(rows: number, dims: number, k: number): number {
  if (rows * dims * Math.max(k, 4) < 8_000_000) return 0;
  return Math.max(0, Math.min(availableParallelism() - 1, Math.ceil(rows / BLOCK_ROWS) - 1, 15));
}

/** The sum of `blocks` results of `stride` doubles each, added in block order. */
export function reduceBlocks(part: Float64Array, blocks: number, stride: number): Float64Array {
  const out = new Float64Array(stride);
  for (let b = 0; b < blocks; b++) {
    const o = b * stride;
    for (let s = 0; s < stride; s++) out[s] += part[o + s];
  }
  return out;
}

/** The {@link KMeansExecutor} over blocks of {@link BLOCK_ROWS} rows. */
export class BlockExecutor implements KMeansExecutor {
  private readonly ctx: BlockContext;
  private norms2 = 0;

  private constructor(readonly points: Points, readonly weights: Float64Array, k: number, private readonly workers: Worker[]) {
    const shared = workers.length > 0;
    const alloc = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    const { rows, dims: d } = points;
    const blocks = Math.ceil(rows / BLOCK_ROWS);
    this.ctx = {
      X: points.data, d, rows, blockRows: BLOCK_ROWS, blocks, w: weights,
      labels: new Int32Array(alloc(rows * 4)).fill(-1),
      closest: new Float64Array(alloc(rows * 8)),
      norms: new Float64Array(alloc(rows * 8)),
      next: new Float64Array(alloc(plusPlusTrials(k) * rows * 8)),
      // Every op's stride fits: L ≤ k·d + k + 2 for every k ≥ 1.
      part: new Float64Array(alloc(blocks * assignStride(k, d) * 8)),
      counter: new Int32Array(alloc(4)),
    };
  }

  /**
   * Starts `workers` threads (0: this thread only) and computes the row
   * norms. With workers, the points and weights must live in SharedArrayBuffers.
   */
  static async open(points: Points, weights: Float64Array, k: number, workers: number): Promise<BlockExecutor> {
    if (workers > 0 && !(points.data.buffer instanceof SharedArrayBuffer && weights.buffer instanceof SharedArrayBuffer)) {
      throw new LatheError('INTERNAL', 'k-means worker threads need points and weights in SharedArrayBuffers');
    }
    const ex = new BlockExecutor(points, weights, k, Array.from({ length: workers }, spawnKernelWorker));
    try {
      await ex.broadcast({ op: 'load', ctx: ex.ctx }, () => {});
      ex.norms2 = await ex.norms();
    } catch (e) {
      await ex.close();
      throw e;
    }
    return ex;
  }

  /** Σ w·||x||², which turns the assignment objective into inertia. */
  get weightedNorms(): number {
    return this.norms2;
  }

  get labels(): Int32Array {
    return this.ctx.labels;
  }

  get closest(): Float64Array {
    return this.ctx.closest;
  }

  /** Fills the row norms the distance passes use; returns Σ w·||x||². */
  private async norms(): Promise<number> {
    return (await this.run({ op: 'norms' }))[0];
  }

  assign(centres: Float64Array, k: number, accumulate: boolean): Promise<Float64Array> {
    const { cn, m2 } = terms(centres, k, this.points.dims);
    return this.run({ op: 'assign', k, cn, m2, accumulate });
  }

  candidatePots(candidates: Float64Array, L: number): Promise<Float64Array> {
    const { cn, m2 } = terms(candidates, L, this.points.dims);
    return this.run({ op: 'pots', L, cn, m2 });
  }

  async takeCandidate(t: number): Promise<Float64Array> {
    await this.run({ op: 'take', t });
    return this.ctx.part.slice(0, this.ctx.blocks);
  }

  async updateClosest(centre: Float64Array): Promise<Float64Array> {
    const { cn, m2 } = terms(centre, 1, this.points.dims);
    await this.run({ op: 'update', cn, m2 });
    return this.ctx.part.slice(0, this.ctx.blocks);
  }

  async inertia(centres: Float64Array): Promise<number> {
    return (await this.run({ op: 'inertia', centres }))[0];
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }

  /** One pass: workers and this thread take blocks until none is left. */
  private async run(op: BlockOp): Promise<Float64Array> {
    Atomics.store(this.ctx.counter, 0, 0);
    await this.broadcast(op, () => runBlocks(this.ctx, op, KERNELS));
    return reduceBlocks(this.ctx.part, this.ctx.blocks, opStride(op, this.points.dims));
  }

  /** Posts a message to every worker, runs `local` meanwhile, and waits for every answer. */
  private broadcast(msg: unknown, local: () => void): Promise<void> {
    const answers = this.workers.map((w) => answer(w));
    for (const w of this.workers) w.postMessage(msg);
    local();
    return Promise.all(answers).then(() => undefined);
  }
}

function terms(centres: Float64Array, k: number, d: number): { cn: Float64Array; m2: Float64Array } {
  const cn = new Float64Array(k);
  const m2 = new Float64Array(k * d);
  centreTerms(centres, k, d, cn, m2);
  return { cn, m2 };
}

/** The worker's next answer; an error or an exit rejects. */
function answer(w: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (e: unknown) => {
      off();
      reject(new LatheError('INTERNAL', `k-means worker failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e }));
    };
    const onMessage = (m: { ok: boolean; error?: string }) => {
      off();
      if (m.ok) resolve();
      else fail(new Error(m.error));
    };
    const onExit = (code: number) => fail(new Error(`exited with code ${code}`));
    const off = () => {
      w.off('message', onMessage);
      w.off('error', fail);
      w.off('exit', onExit);
    };
    w.on('message', onMessage);
    w.on('error', fail);
    w.on('exit', onExit);
  });
}
