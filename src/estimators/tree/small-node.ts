import { type NodeSums, type SplitCandidate, type SplitParams, bestSplitOfFeature } from './split-finder.js';
import type { TreeWorkspace } from './tree-workspace.js';

/**
 * Nodes with at most this many rows find their split from their rows
 * directly: a histogram costs O(bins) to clear and scan whatever the row
 * count, which dominates deep trees (a forest's) with many tiny nodes.
 */
export const SMALL_NODE_ROWS = 128;

/**
 * Finds small nodes' splits without a histogram slot: for each feature the
 * node's rows are added into one zeroed scratch histogram (in row order, so
 * the sums are those a histogram pass would give), only the bins they hit
 * are scanned, and only those are cleared again.
 */
export class SmallNodeSplitter {
  private readonly hist: Float64Array;
  private readonly visit: Int32Array;
  private readonly ws: TreeWorkspace;

  constructor(ws: TreeWorkspace) {
    this.ws = ws;
    let maxBins = 2;
    for (const f of ws.data.features) maxBins = Math.max(maxBins, f.nBins);
    this.hist = new Float64Array(maxBins * ws.channels);
    this.visit = new Int32Array(maxBins);
  }

  /** The best split of rows idx[s..e) over `feats` (ascending; ties go to the lower feature), or null. */
  best(s: number, e: number, feats: Int32Array, total: NodeSums, p: SplitParams): SplitCandidate | null {
    let best: SplitCandidate | null = null;
    for (let j = 0; j < feats.length; j++) {
      const f = feats[j];
      const nv = this.fill(f, s, e);
      sortPrefix(this.visit, nv);
      const c = bestSplitOfFeature(this.hist, 0, this.ws.channels, this.ws.data.features[f], f, total, p, this.visit, nv, best ? best.gain : -Infinity);
      this.clear(nv);
      if (c) best = c;
    }
    return best;
  }

  /** Adds the rows into the scratch histogram; returns how many non-missing bins they hit (listed in `visit`). */
  private fill(f: number, s: number, e: number): number {
    const { ws, hist, visit } = this;
    const { n, k, channels: ch, idx, grad, hess } = ws;
    const words = ws.words.subarray((f >> 2) * n, ((f >> 2) + 1) * n);
    const shift = (f & 3) << 3;
    let nv = 0;
    for (let i = s; i < e; i++) {
      const r = idx[i];
      const b = (words[r] >>> shift) & 255;
      const o = b * ch;
      if (hist[o + ch - 1] === 0 && b !== 0) visit[nv++] = b;
      for (let c = 0; c < k; c++) hist[o + c] += grad[c * n + r];
      hist[o + k] += hess[r];
      hist[o + k + 1] += 1;
    }
    return nv;
  }

  private clear(nv: number): void {
    const ch = this.ws.channels;
    this.hist.fill(0, 0, ch);
    for (let j = 0; j < nv; j++) this.hist.fill(0, this.visit[j] * ch, this.visit[j] * ch + ch);
  }
}

/** Insertion sort of a[0..n): n is at most SMALL_NODE_ROWS and often nearly sorted. */
function sortPrefix(a: Int32Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}
