import { allocBytes, type BinnedData } from './bin-mapper.js';
import { type BufLayout, blockCount } from './histogram.js';
import { type WorkView, buildBlock, partitionRows, reduceBlocks } from './work-view.js';

/** Memory allowed for the partial histograms of one leaf's blocks. */
const PARTIAL_BUDGET = 64 * 2 ** 20;
/** Memory allowed for the leaves' histogram pool. */
const POOL_BUDGET = 1024 * 2 ** 20;

/**
 * Every buffer the tree learner needs, allocated once per fit and reused by
 * every tree: the row index array partitioned in place, its scratch, and one
 * Float64Array holding the histogram pool, the partial histograms of a
 * leaf's blocks, the gradients and their gathered copies. With `shared`, all
 * of it lives on SharedArrayBuffers so worker threads work on it directly.
 */
export class TreeWorkspace implements WorkView {
  readonly data: BinnedData;
  readonly words: Uint32Array;
  readonly offsets: Int32Array;
  readonly nFeatures: number;
  readonly n: number;
  /** Gradient channels per row (K); a histogram bin holds K + 2 doubles. */
  readonly k: number;
  readonly channels: number;
  readonly shared: boolean;
  /** Row indices; each leaf owns a contiguous range. */
  readonly idx: Int32Array;
  readonly scratch: Int32Array;
  /** Histogram slots, partial slots, gradients, hessians, gathered copies. */
  readonly buf: Float64Array;
  readonly layout: BufLayout;
  /** Views of `buf`: gradients (channel c of row i at `c * n + i`) and hessians (weights for a forest). */
  readonly grad: Float64Array;
  readonly hess: Float64Array;
  readonly histSize: number;
  readonly slots: number;
  readonly maxBlocks: number;
  /** The current tree's features, the 4-feature groups that hold them, and every feature of those groups. */
  active: Int32Array = new Int32Array(0);
  groups: Int32Array = new Int32Array(0);
  groupFeats: Int32Array = new Int32Array(0);
  private readonly free: number[] = [];

  constructor(data: BinnedData, k: number, leafSlots: number, shared: boolean) {
    this.data = data;
    this.words = data.words;
    this.offsets = data.offsets;
    this.nFeatures = data.features.length;
    const n = data.rows;
    this.n = n;
    this.k = k;
    this.channels = k + 2;
    this.shared = shared;
    this.idx = new Int32Array(allocBytes(4 * n, shared));
    this.scratch = new Int32Array(allocBytes(4 * n, shared));
    this.histSize = data.offsets[data.features.length] * this.channels;
    const bytes = 8 * Math.max(1, this.histSize);
    // Depends on the data's shape only, never on the thread count, so results do not either.
    this.maxBlocks = Math.max(1, Math.min(64, Math.floor(PARTIAL_BUDGET / bytes)));
    this.slots = Math.max(3, Math.min(leafSlots, Math.floor(POOL_BUDGET / bytes)));
    const hist = this.histSize * (this.slots + this.maxBlocks - 1);
    this.layout = { n, k, grad: hist, hess: hist + k * n, og: hist + (k + 1) * n, oh: hist + (2 * k + 1) * n };
    this.buf = new Float64Array(allocBytes(8 * (hist + (2 * k + 2) * n), shared));
    this.grad = this.buf.subarray(this.layout.grad, this.layout.grad + k * n);
    this.hess = this.buf.subarray(this.layout.hess, this.layout.hess + n);
    for (let s = this.slots - 1; s >= 0; s--) this.free.push(s);
  }

  /** Sets the features of the next tree (ascending). */
  setActive(feats: Int32Array): void {
    const nf = this.data.features.length;
    this.active = feats;
    const groups = [...new Set(Array.from(feats, (f) => f >> 2))];
    this.groups = Int32Array.from(groups);
    this.groupFeats = Int32Array.from(groups.flatMap((g) => Array.from({ length: Math.min(4, nf - 4 * g) }, (_, j) => 4 * g + j)));
  }

  /** A free histogram slot, or -1 when the pool is exhausted. */
  acquire(): number {
    return this.free.length > 0 ? this.free.pop()! : -1;
  }

  release(slot: number): void {
    if (slot >= 0) this.free.push(slot);
  }

  /** Index of a slot's first double in `buf`. */
  slotBase(slot: number): number {
    return slot * this.histSize;
  }

  /** Index of the partial histogram of block `j` ≥ 1. */
  partialBase(j: number): number {
    return (this.slots + j - 1) * this.histSize;
  }

  /** Fills idx with 0..n-1, or with the given rows; returns the row count. */
  setRows(rows: Int32Array | null): number {
    if (!rows) {
      for (let i = 0; i < this.n; i++) this.idx[i] = i;
      return this.n;
    }
    this.idx.set(rows);
    return rows.length;
  }
}

/**
 * The parallel steps of growing a tree. The serial executor runs them on
 * the calling thread; the threaded one splits the same blocks over workers,
 * so both give bit-identical histograms.
 */
export interface TreeExecutor {
  /** Builds the histogram of rows idx[s..e) over the active features into `slot`. */
  buildHistogram(ws: TreeWorkspace, slot: number, s: number, e: number): void;
  /** Moves rows idx[s..e) whose bin of `feature` goes left to the front, keeping order; returns the first right position. */
  partition(ws: TreeWorkspace, s: number, e: number, feature: number, goLeft: Uint8Array): number;
  /** Called after the workspace's features change (a new tree), before its first histogram. */
  activeChanged?(ws: TreeWorkspace): void;
}

/** Runs every step on the calling thread. */
export const serialExecutor: TreeExecutor = {
  buildHistogram(ws, slot, s, e) {
    const nb = blockCount(e - s, ws.maxBlocks);
    for (let j = 0; j < nb; j++) buildBlock(ws, slot, s, e, j, nb);
    reduceBlocks(ws, slot, nb, ws.active);
  },
  partition: partitionRows,
};
