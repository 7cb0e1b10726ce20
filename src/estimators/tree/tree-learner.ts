import type { Rng } from '../../core/index.js';
import { type BinnedData, binOf } from './bin-mapper.js';
import { type NodeSums, type SplitCandidate, type SplitParams, bestSplitOfFeature } from './split-finder.js';
import { subtractHistogram } from './histogram.js';
import { SMALL_NODE_ROWS, SmallNodeSplitter } from './small-node.js';
import type { TreeExecutor, TreeWorkspace } from './tree-workspace.js';

/** How a tree grows. */
export interface LearnerOptions extends SplitParams {
  /** Most leaves; Infinity grows until no split is allowed, depth first. */
  numLeaves: number;
  /** Deepest level (root = 0); Infinity for no limit. */
  maxDepth: number;
  /** Features drawn at random for each split (a forest's max_features); 0 tries every active feature. */
  featuresPerSplit: number;
}

/**
 * A grown tree in bin space. Internal node i splits on `feature[i]`, sending
 * bin b left when `goLeft[i][b]` (categorical), or when 1 ≤ b ≤
 * `thresholdBin[i]` (numeric; the missing bin 0 by `defaultLeft[i]`); a
 * child ≥ 0 is a node, < 0 is leaf ~child.
 * Leaf j owns rows idx[leafStart[j]..leafEnd[j]) of the workspace.
 */
export interface GrownTree {
  feature: number[];
  thresholdBin: number[];
  goLeft: (Uint8Array | null)[];
  defaultLeft: boolean[];
  gain: number[];
  left: number[];
  right: number[];
  leafStart: number[];
  leafEnd: number[];
  leafSums: NodeSums[];
}

interface Leaf {
  id: number;
  start: number;
  end: number;
  depth: number;
  slot: number;
  sums: NodeSums;
  split: SplitCandidate | null;
  /** The node whose child this leaf is (-1 for the root) and on which side. */
  parent: number;
  isLeft: boolean;
}

/**
 * Grows one tree leaf-wise (best gain first, as LightGBM) on the rows the
 * workspace holds in idx[0..m), from the gradients in the workspace. Only
 * the smaller child's histogram is built; the larger one is the parent's
 * minus it, computed in the parent's pool slot.
 */
export class TreeLearner {
  private readonly ws: TreeWorkspace;
  private readonly exec: TreeExecutor;
  private readonly opts: LearnerOptions;
  private tree!: GrownTree;
  private candidates: Leaf[] = [];
  private active!: Int32Array;
  private rng: Rng | null = null;
  private readonly drawn: Int32Array;
  private readonly small: SmallNodeSplitter;
  private readonly table = new Uint8Array(256);

  constructor(ws: TreeWorkspace, exec: TreeExecutor, opts: LearnerOptions) {
    this.ws = ws;
    this.exec = exec;
    this.opts = opts;
    this.drawn = new Int32Array(ws.data.features.length);
    this.small = new SmallNodeSplitter(ws);
  }

  /**
   * Grows a tree on rows idx[0..m) over the `active` features (ascending).
   * `rng` draws the per-split features of a forest.
   */
  grow(m: number, active: Int32Array, rng: Rng | null = null): GrownTree {
    this.tree = { feature: [], thresholdBin: [], goLeft: [], defaultLeft: [], gain: [], left: [], right: [], leafStart: [0], leafEnd: [m], leafSums: [] };
    this.candidates = [];
    this.active = active;
    this.ws.setActive(active);
    this.exec.activeChanged?.(this.ws);
    this.rng = rng;
    const slot = this.acquire();
    this.exec.buildHistogram(this.ws, slot, 0, m);
    const root: Leaf = { id: 0, start: 0, end: m, depth: 0, slot, sums: this.sumsOf(slot), split: null, parent: -1, isLeft: true };
    this.tree.leafSums.push(root.sums);
    this.settle(root);
    let leaves = 1;
    while (leaves < this.opts.numLeaves && this.candidates.length > 0) {
      this.splitLeaf(this.pick());
      leaves++;
    }
    for (const c of this.candidates) this.ws.release(c.slot);
    return this.tree;
  }

  /** The candidate to split next: best gain (lowest id on ties), or the newest when growing fully. */
  private pick(): Leaf {
    const c = this.candidates;
    if (this.opts.numLeaves === Infinity) return c.pop()!;
    let best = 0;
    for (let i = 1; i < c.length; i++) {
      const a = c[i].split!.gain;
      const b = c[best].split!.gain;
      if (a > b || (a === b && c[i].id < c[best].id)) best = i;
    }
    return c.splice(best, 1)[0];
  }

  private splitLeaf(leaf: Leaf): void {
    const sp = leaf.split!;
    const t = this.tree;
    const mid = this.exec.partition(this.ws, leaf.start, leaf.end, sp.feature, sp.goLeft ?? this.numericTable(sp));
    if (mid - leaf.start !== sp.left.c) throw new Error(`tree learner: partition gave ${mid - leaf.start} rows, histogram ${sp.left.c}`);
    const node = t.feature.length;
    const rightId = t.leafStart.length;
    t.feature.push(sp.feature);
    t.thresholdBin.push(sp.thresholdBin);
    t.goLeft.push(sp.goLeft);
    t.defaultLeft.push(sp.defaultLeft);
    t.gain.push(sp.gain);
    t.left.push(~leaf.id);
    t.right.push(~rightId);
    if (leaf.parent >= 0) (leaf.isLeft ? t.left : t.right)[leaf.parent] = node;
    t.leafEnd[leaf.id] = mid;
    t.leafSums[leaf.id] = sp.left;
    t.leafStart.push(mid);
    t.leafEnd.push(leaf.end);
    t.leafSums.push(sp.right);
    const mk = (id: number, start: number, end: number, sums: NodeSums, isLeft: boolean): Leaf => ({
      id, start, end, depth: leaf.depth + 1, slot: -1, sums, split: null, parent: node, isLeft,
    });
    const l = mk(leaf.id, leaf.start, mid, sp.left, true);
    const r = mk(rightId, mid, leaf.end, sp.right, false);
    this.childHistograms(leaf, l, r);
    this.settle(l);
    this.settle(r);
  }

  /** The bin → left table of a numeric split, in a reused buffer. */
  private numericTable(sp: SplitCandidate): Uint8Array {
    const t = this.table;
    t.fill(0);
    t.fill(1, 1, sp.thresholdBin + 1);
    t[0] = sp.defaultLeft ? 1 : 0;
    return t;
  }

  /** Builds the smaller child's histogram and derives the larger one's in the parent's slot. */
  private childHistograms(parent: Leaf, l: Leaf, r: Leaf): void {
    if (!this.needsHistogram(l) && !this.needsHistogram(r)) {
      this.ws.release(parent.slot);
      parent.slot = -1;
      return;
    }
    const [small, large] = l.end - l.start <= r.end - r.start ? [l, r] : [r, l];
    const { ws, exec, active } = this;
    if (parent.slot >= 0) {
      small.slot = this.acquire();
      exec.buildHistogram(ws, small.slot, small.start, small.end);
      large.slot = parent.slot;
      subtractHistogram(ws.buf, ws.slotBase(large.slot), ws.slotBase(small.slot), ws.data.offsets, active, ws.channels);
      return;
    }
    for (const c of [l, r]) {
      if (!this.needsHistogram(c)) continue;
      c.slot = this.acquire();
      exec.buildHistogram(ws, c.slot, c.start, c.end);
    }
  }

  /** Finds the leaf's best split; keeps it as a candidate, or frees its histogram. */
  private settle(leaf: Leaf): void {
    if (this.splittable(leaf)) {
      if (leaf.end - leaf.start <= SMALL_NODE_ROWS) leaf.split = this.small.best(leaf.start, leaf.end, this.splitFeatures(), leaf.sums, this.opts);
      else if (leaf.slot >= 0) leaf.split = this.bestSplit(leaf);
    }
    // A small node's children find their splits from rows too, so it keeps no histogram.
    if (!leaf.split || leaf.end - leaf.start <= SMALL_NODE_ROWS) {
      this.ws.release(leaf.slot);
      leaf.slot = -1;
    }
    if (leaf.split) this.candidates.push(leaf);
  }

  private needsHistogram(leaf: Leaf): boolean {
    return leaf.end - leaf.start > SMALL_NODE_ROWS && this.splittable(leaf);
  }

  private splittable(leaf: Leaf): boolean {
    const o = this.opts;
    return leaf.depth < o.maxDepth && leaf.sums.c >= 2 * o.minDataInLeaf && leaf.sums.h >= 2 * o.minSumHessian;
  }

  private bestSplit(leaf: Leaf): SplitCandidate | null {
    const { ws, opts } = this;
    const feats = this.splitFeatures();
    const base = ws.slotBase(leaf.slot);
    let best: SplitCandidate | null = null;
    // Features ascend, so a tie keeps the lower feature.
    for (let j = 0; j < feats.length; j++) {
      const f = feats[j];
      const c = bestSplitOfFeature(ws.buf, base + ws.data.offsets[f] * ws.channels, ws.channels, ws.data.features[f], f, leaf.sums, opts, null, 0, best ? best.gain : -Infinity);
      if (c) best = c;
    }
    return best;
  }

  /** The active features, or a random draw of them for a forest (partial Fisher–Yates). */
  private splitFeatures(): Int32Array {
    const a = this.active;
    const k = this.opts.featuresPerSplit;
    if (k <= 0 || k >= a.length || !this.rng) return a;
    const d = this.drawn;
    d.set(a);
    for (let i = 0; i < k; i++) {
      const j = i + this.rng.int(a.length - i);
      const tmp = d[i];
      d[i] = d[j];
      d[j] = tmp;
    }
    return d.subarray(0, k).sort();
  }

  /** Sums of a leaf from its histogram: every row falls in one bin of any feature. */
  private sumsOf(slot: number): NodeSums {
    const ws = this.ws;
    const f = this.active[0];
    const k = ws.k;
    const s: NodeSums = { g: new Float64Array(k), h: 0, c: 0 };
    const base = ws.slotBase(slot);
    for (let b = ws.data.offsets[f]; b < ws.data.offsets[f + 1]; b++) {
      const o = base + b * ws.channels;
      for (let c = 0; c < k; c++) s.g[c] += ws.buf[o + c];
      s.h += ws.buf[o + k];
      s.c += ws.buf[o + k + 1];
    }
    return s;
  }

  /** A pool slot; when the pool is full, takes the one of the oldest waiting leaf (which then rebuilds its children). */
  private acquire(): number {
    const s = this.ws.acquire();
    if (s >= 0) return s;
    const victim = this.candidates.find((c) => c.slot >= 0);
    if (!victim) throw new Error('tree learner: histogram pool too small');
    const v = victim.slot;
    victim.slot = -1;
    return v;
  }
}

/** The leaf a row of the binned training matrix falls in; for rows outside the tree's sample. */
export function binnedLeaf(t: GrownTree, d: BinnedData, row: number): number {
  if (t.feature.length === 0) return 0;
  let nd = 0;
  while (nd >= 0) {
    const b = binOf(d, t.feature[nd], row);
    const gl = t.goLeft[nd];
    const left = gl ? gl[b] === 1 : b === 0 ? t.defaultLeft[nd] : b <= t.thresholdBin[nd];
    nd = left ? t.left[nd] : t.right[nd];
  }
  return ~nd;
}
