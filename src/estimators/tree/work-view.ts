import { accumulateWords } from './hist-kernels.js';
import { type BufLayout, accumulateMulti, addHistogram, blockStart, gatherGradients } from './histogram.js';

/**
 * What the histogram and partition kernels work on: the shared buffers of a
 * {@link TreeWorkspace}, which a worker thread rebuilds from the same
 * SharedArrayBuffers. Kernels take this view, never the workspace, so the
 * main thread and the workers run the same code.
 */
export interface WorkView {
  readonly n: number;
  readonly k: number;
  readonly channels: number;
  readonly histSize: number;
  readonly slots: number;
  readonly idx: Int32Array;
  readonly scratch: Int32Array;
  readonly buf: Float64Array;
  readonly layout: BufLayout;
  /** Packed bins, four features a word (see BinnedData). */
  readonly words: Uint32Array;
  readonly offsets: Int32Array;
  readonly nFeatures: number;
  /** The current tree's features, their 4-feature groups, and every feature of those groups. */
  readonly active: Int32Array;
  readonly groups: Int32Array;
  readonly groupFeats: Int32Array;
}

/** Index of a slot's first double in `buf`. */
export function slotBase(v: WorkView, slot: number): number {
  return slot * v.histSize;
}

/** Index of the partial histogram of block `j` ≥ 1. */
export function partialBase(v: WorkView, j: number): number {
  return (v.slots + j - 1) * v.histSize;
}

/**
 * Gathering gradients costs a random read and a write per row; it pays off
 * when at least this many feature groups then read the gathered copy.
 */
const GATHER_MIN_GROUPS = 3;

/** Whether the histogram passes read gathered gradients. */
export function useGather(v: WorkView): boolean {
  return v.groups.length >= GATHER_MIN_GROUPS;
}

/** Builds block `j` of `nb` of rows [s, e) into its own histogram (block 0 into the slot). */
export function buildBlock(v: WorkView, slot: number, s: number, e: number, j: number, nb: number): void {
  const bs = blockStart(s, e, j, nb);
  const be = blockStart(s, e, j + 1, nb);
  const base = j === 0 ? slotBase(v, slot) : partialBase(v, j);
  const { buf, layout: L, channels: ch, n, offsets: off, groupFeats: gf } = v;
  for (let q = 0; q < gf.length; q++) buf.fill(0, base + off[gf[q]] * ch, base + off[gf[q] + 1] * ch);
  const gathered = useGather(v);
  if (gathered) gatherGradients(buf, L, v.idx, bs, be);
  if (v.k > 1) return buildMulti(v, base, bs, be, gathered);
  const o = new Int32Array(8);
  const groups = v.groups;
  for (let q = 0; q < groups.length; q++) {
    const a = groups[q];
    const lanes = Math.min(4, v.nFeatures - 4 * a);
    for (let l = 0; l < lanes; l++) o[l] = base + off[4 * a + l] * 3;
    // Two groups in one pass when the first is full.
    const b = lanes === 4 && q + 1 < groups.length ? groups[++q] : -1;
    const lanesB = b < 0 ? 0 : Math.min(4, v.nFeatures - 4 * b);
    for (let l = 0; l < lanesB; l++) o[4 + l] = base + off[4 * b + l] * 3;
    const wb = b < 0 ? null : v.words.subarray(b * n, (b + 1) * n);
    accumulateWords(buf, v.words.subarray(a * n, (a + 1) * n), wb, lanes, lanesB, v.idx, bs, be, gathered ? L.og : L.grad, gathered ? L.oh : L.hess, gathered, o);
  }
}

/** Several outputs (a multiclass forest): one feature at a time. */
function buildMulti(v: WorkView, base: number, bs: number, be: number, gathered: boolean): void {
  for (const g of v.groups) {
    const words = v.words.subarray(g * v.n, (g + 1) * v.n);
    const lanes = Math.min(4, v.nFeatures - 4 * g);
    for (let l = 0; l < lanes; l++) accumulateMulti(v.buf, v.layout, words, l << 3, v.idx, bs, be, gathered, base + v.offsets[4 * g + l] * v.channels);
  }
}

/** Adds the partial histograms of blocks 1..nb-1 into the slot, in block order, for the given features. */
export function reduceBlocks(v: WorkView, slot: number, nb: number, feats: Int32Array): void {
  const base = slotBase(v, slot);
  for (let j = 1; j < nb; j++) addHistogram(v.buf, base, partialBase(v, j), v.offsets, feats, v.channels);
}

/** The packed words and bit shift of one feature. */
function featureWords(v: WorkView, feature: number): { words: Uint32Array; shift: number } {
  const g = feature >> 2;
  return { words: v.words.subarray(g * v.n, (g + 1) * v.n), shift: (feature & 3) << 3 };
}

/** Stable partition of idx[s..e) through `scratch`. */
export function partitionRows(v: WorkView, s: number, e: number, feature: number, goLeft: Uint8Array): number {
  const { idx, scratch } = v;
  const { words, shift } = featureWords(v, feature);
  let l = s;
  let r = 0;
  for (let i = s; i < e; i++) {
    const row = idx[i];
    if (goLeft[(words[row] >>> shift) & 255] === 1) idx[l++] = row;
    else scratch[r++] = row;
  }
  idx.set(scratch.subarray(0, r), l);
  return l;
}

/**
 * First half of a parallel stable partition, one pass over rows idx[cs..ce):
 * left rows go to scratch from cs forwards, right rows from ce - 1
 * backwards; returns how many went left.
 */
export function partitionChunk(v: WorkView, cs: number, ce: number, feature: number, goLeft: Uint8Array): number {
  const { idx, scratch } = v;
  const { words, shift } = featureWords(v, feature);
  let l = cs;
  let r = ce - 1;
  for (let i = cs; i < ce; i++) {
    const row = idx[i];
    if (goLeft[(words[row] >>> shift) & 255] === 1) scratch[l++] = row;
    else scratch[r--] = row;
  }
  return l - cs;
}

/** Second half: a chunk's left rows go to idx[leftAt..], its right rows (stored reversed) to idx[rightAt..], in order. */
export function placeChunk(v: WorkView, cs: number, ce: number, lefts: number, leftAt: number, rightAt: number): void {
  const { idx, scratch } = v;
  idx.set(scratch.subarray(cs, cs + lefts), leftAt);
  const rights = ce - cs - lefts;
  for (let j = 0; j < rights; j++) idx[rightAt + j] = scratch[ce - 1 - j];
}
