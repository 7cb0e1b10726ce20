import type { EnsembleArrays } from './ensemble.js';

/**
 * An ensemble repacked for prediction: 32 bytes per node in one buffer,
 * seen as doubles (`f[4i]`: threshold, or leaf value) and as integers
 * (`c[8i + 2]`: code, `c[8i + 3]`, `c[8i + 4]`: left and right node,
 * `c[8i + 5]`: category bitset start), so a node is one cache line (a deep
 * forest's nodes do not fit in cache, and separate arrays would cost a miss
 * each per level). code < 0 marks a leaf, whose children are itself;
 * otherwise code = 4·feature + 2·categorical + defaultRight.
 */
interface Packed {
  f: Float64Array;
  c: Int32Array;
  roots: Int32Array;
}

const cache = new WeakMap<EnsembleArrays, Packed>();

function pack(a: EnsembleArrays): Packed {
  const hit = cache.get(a);
  if (hit) return hit;
  const n = a.feature.length;
  const buf = new ArrayBuffer(32 * n);
  const f = new Float64Array(buf);
  const c = new Int32Array(buf);
  for (let i = 0; i < n; i++) {
    if (a.feature[i] < 0) {
      f[4 * i] = a.width === 1 ? a.value[i] : 0;
      c.set([-1, i, i, 0], 8 * i + 2);
      continue;
    }
    const cat = a.catStart[i] >= 0;
    f[4 * i] = cat ? 0 : a.threshold[i];
    c.set([4 * a.feature[i] + (cat ? 2 : 0) + (a.defaultLeft[i] === 1 ? 0 : 1), a.left[i], a.right[i], cat ? a.catStart[i] : 0], 8 * i + 2);
  }
  const packed = { f, c, roots: a.treeRoot };
  cache.set(a, packed);
  return packed;
}

/** Rows per block: their values are copied row-major into a small buffer that stays in cache. */
const BLOCK = 128;

/**
 * Adds `scale` × every tree's leaf values to `out` (n × outputs, row-major),
 * for trees [0, treeLimit). `cols[f]` holds feature f for every row: numbers,
 * or training category codes (NaN missing; unknown codes are past every
 * bitset's last set bit). Four rows walk each tree in lockstep, so four
 * independent memory loads are in flight instead of one.
 *
 * Hot loop: one step per row per tree level; nothing is allocated per row.
 */
export function predictPacked(a: EnsembleArrays, cols: Float64Array[], n: number, out: Float64Array, outputs: number, scale: number, treeLimit: number): void {
  const { f: p, c: q, roots } = pack(a);
  const F = cols.length;
  const X = new Float64Array(BLOCK * F);
  const leaves = new Int32Array(4);
  for (let r0 = 0; r0 < n; r0 += BLOCK) {
    const m = Math.min(BLOCK, n - r0);
    for (let f = 0; f < F; f++) {
      const c = cols[f];
      for (let i = 0; i < m; i++) X[i * F + f] = c[r0 + i];
    }
    for (let t = 0; t < treeLimit; t++) {
      const root = roots[t];
      const o = a.treeOutput[t];
      for (let i = 0; i < m; i += 4) {
        walk4(p, q, a.catBits, X, F, root, i, Math.min(4, m - i), leaves);
        for (let j = 0; j < Math.min(4, m - i); j++) addLeaf(a, p, leaves[j], out, (r0 + i + j) * outputs + o, scale);
      }
    }
  }
}

/** Walks rows i..i+count (≤ 4) of the block down one tree; leaves[j] gets each row's leaf offset. */
function walk4(p: Float64Array, q: Int32Array, bits: Uint32Array, X: Float64Array, F: number, root: number, i: number, count: number, leaves: Int32Array): void {
  let a = root;
  let b = root;
  let c = root;
  let d = root;
  const xa = i * F;
  const xb = count > 1 ? xa + F : xa;
  const xc = count > 2 ? xa + 2 * F : xa;
  const xd = count > 3 ? xa + 3 * F : xa;
  while ((q[8 * a + 2] & q[8 * b + 2] & q[8 * c + 2] & q[8 * d + 2]) >= 0) {
    a = step(p, q, bits, X, xa, a);
    b = step(p, q, bits, X, xb, b);
    c = step(p, q, bits, X, xc, c);
    d = step(p, q, bits, X, xd, d);
  }
  leaves[0] = a;
  leaves[1] = b;
  leaves[2] = c;
  leaves[3] = d;
}

/** One level: the child of node `o` for the row at X[x..]; a leaf stays where it is. */
function step(p: Float64Array, q: Int32Array, bits: Uint32Array, X: Float64Array, x: number, o: number): number {
  const code = q[8 * o + 2];
  if (code < 0) return o;
  const v = X[x + (code >> 2)];
  let right: number;
  if (v !== v) right = code & 1;
  else if ((code & 2) === 0) right = v > p[4 * o] ? 1 : 0;
  else {
    const k = v | 0;
    right = 1 - ((bits[q[8 * o + 5] + (k >>> 5)] >>> (k & 31)) & 1);
  }
  return q[8 * o + 3 + right];
}

function addLeaf(a: EnsembleArrays, p: Float64Array, leaf: number, out: Float64Array, at: number, scale: number): void {
  if (a.width === 1) {
    out[at] += scale * p[4 * leaf];
    return;
  }
  const base = leaf * a.width;
  for (let c = 0; c < a.width; c++) out[at + c] += scale * a.value[base + c];
}
