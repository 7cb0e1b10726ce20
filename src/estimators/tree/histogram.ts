/**
 * Histogram kernels. A histogram holds, for every bin of every feature,
 * `channels` doubles: the K gradient sums, the hessian sum, then the row
 * count (channels = K + 2). Histograms and gradients live in one Float64Array
 * (`buf`), because V8 re-checks each typed array on every access inside a
 * loop; one array for all the doubles halves that overhead. These are pure
 * loops so the main thread and the workers run the same code and produce
 * bit-identical sums.
 */

/** Rows per histogram block; a leaf is split into blocks whose partial sums are added in a fixed order. */
export const BLOCK_ROWS = 16_384;

/** How many blocks a leaf of `m` rows is split into; depends only on `m`, never on the thread count. */
export function blockCount(m: number, maxBlocks: number): number {
  return Math.max(1, Math.min(maxBlocks, Math.ceil(m / BLOCK_ROWS)));
}

/** Start of block `j` of `nb` over rows [s, e). */
export function blockStart(s: number, e: number, j: number, nb: number): number {
  return s + Math.floor(((e - s) * j) / nb);
}

/** Where the doubles of a workspace live in `buf`. */
export interface BufLayout {
  n: number;
  k: number;
  /** Gradients: channel c of row r at `grad + c * n + r`; hessians at `hess + r`. */
  grad: number;
  hess: number;
  /** Gathered copies at the positions of idx. */
  og: number;
  oh: number;
}

/**
 * Copies the gradients of rows idx[s..e) to the same positions of the
 * gathered area, so that passes over several feature groups read them in
 * order instead of at random.
 */
export function gatherGradients(buf: Float64Array, L: BufLayout, idx: Int32Array, s: number, e: number): void {
  for (let i = s; i < e; i++) buf[L.oh + i] = buf[L.hess + idx[i]];
  for (let c = 0; c < L.k; c++) {
    const from = L.grad + c * L.n;
    const to = L.og + c * L.n;
    for (let i = s; i < e; i++) buf[to + i] = buf[from + idx[i]];
  }
}

/**
 * The K-output version (a multiclass forest): one feature at a time, K
 * gradient channels plus hessian and count per bin. Not as tuned: forests
 * of class distributions are the only users.
 */
export function accumulateMulti(
  buf: Float64Array, L: BufLayout, words: Uint32Array, shift: number, idx: Int32Array, s: number, e: number, gathered: boolean, o: number,
): void {
  const k = L.k;
  const ch = k + 2;
  const g0 = gathered ? L.og : L.grad;
  const h0 = gathered ? L.oh : L.hess;
  for (let i = s; i < e; i++) {
    const r = idx[i];
    const j = gathered ? i : r;
    const b = o + ((words[r] >>> shift) & 255) * ch;
    for (let c = 0; c < k; c++) buf[b + c] += buf[g0 + c * L.n + j];
    buf[b + k] += buf[h0 + j];
    buf[b + k + 1] += 1;
  }
}

/** `buf[a..] += buf[b..]` over the given features' bins. */
export function addHistogram(buf: Float64Array, a: number, b: number, offsets: Int32Array, feats: Int32Array, ch: number): void {
  for (let j = 0; j < feats.length; j++) {
    const f = feats[j];
    const end = offsets[f + 1] * ch;
    for (let i = offsets[f] * ch; i < end; i++) buf[a + i] += buf[b + i];
  }
}

/** `buf[a..] -= buf[b..]` over the given features' bins: the sibling from the parent. */
export function subtractHistogram(buf: Float64Array, a: number, b: number, offsets: Int32Array, feats: Int32Array, ch: number): void {
  for (let j = 0; j < feats.length; j++) {
    const f = feats[j];
    const end = offsets[f + 1] * ch;
    for (let i = offsets[f] * ch; i < end; i++) buf[a + i] -= buf[b + i];
  }
}
