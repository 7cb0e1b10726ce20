/**
 * The row order the ranking metrics walk: descending score, and among tied
 * scores descending row index. That is NumPy's
 * `np.argsort(score, kind="mergesort")[::-1]`, the order scikit-learn's
 * `_binary_clf_curve` accumulates weights in.
 */

/**
 * Indices of the rows to keep (all rows, or those with a non-zero weight), in
 * descending score order with ties broken by descending index.
 *
 * A comparator sort of a million indices takes over a second in V8, so this
 * is an LSD radix sort on the float's bits: eight stable byte passes that
 * carry the keys along (reading keys through the permutation thrashes the
 * cache), each skipped when every key shares that byte. Starting from
 * descending indices, stability leaves tied scores in descending index order.
 * -0 and 0 sort as one value, as they compare equal in NumPy. Scores must not
 * be NaN.
 */
export function descendingOrder(score: Float64Array, weight?: Float64Array): Int32Array {
  const n = score.length;
  let m = 0;
  let idx: Int32Array = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--) if (!weight || weight[i] !== 0) idx[m++] = i;
  idx = idx.subarray(0, m);
  let { hi, lo } = descendingKeys(score, idx);
  let idx2: Int32Array = new Int32Array(m);
  let hi2: Uint32Array = new Uint32Array(m);
  let lo2: Uint32Array = new Uint32Array(m);
  const count = new Int32Array(257);
  for (let pass = 0; pass < 8; pass++) {
    const key = pass < 4 ? lo : hi;
    const shift = (pass % 4) * 8;
    count.fill(0);
    for (let j = 0; j < m; j++) count[((key[j] >>> shift) & 0xff) + 1]++;
    // One byte value holding every row leaves the order unchanged: skip the scatter.
    if (count.some((c) => c === m)) continue;
    for (let v = 0; v < 256; v++) count[v + 1] += count[v];
    for (let j = 0; j < m; j++) {
      const at = count[(key[j] >>> shift) & 0xff]++;
      idx2[at] = idx[j];
      hi2[at] = hi[j];
      lo2[at] = lo[j];
    }
    [idx, idx2] = [idx2, idx];
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
  }
  return idx;
}

/**
 * Unsigned 64-bit keys (high and low 32-bit words) of `score[rows[j]]` whose
 * ascending order is the scores' descending order: the IEEE-754 bits with the
 * usual sign trick for ordering, then complemented.
 */
function descendingKeys(score: Float64Array, rows: Int32Array): { hi: Uint32Array; lo: Uint32Array } {
  const m = rows.length;
  const f = new Float64Array(1);
  const w = new Uint32Array(f.buffer);
  // Float64Array and Uint32Array share the platform byte order: word 1 is the high word on little-endian hosts.
  const H = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
  const L = 1 - H;
  const hi = new Uint32Array(m);
  const lo = new Uint32Array(m);
  for (let j = 0; j < m; j++) {
    f[0] = score[rows[j]] + 0; // -0 + 0 is +0
    const h = w[H];
    const l = w[L];
    if (h & 0x80000000) {
      // Negative: a larger magnitude is a smaller value, so the raw bits already order descending.
      hi[j] = h;
      lo[j] = l;
    } else {
      // Non-negative: flip so that larger values get smaller keys, all below the negative keys.
      hi[j] = (h ^ 0x7fffffff) >>> 0;
      lo[j] = ~l >>> 0;
    }
  }
  return { hi, lo };
}
