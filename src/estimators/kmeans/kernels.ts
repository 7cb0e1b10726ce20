/**
 * The hot loops of k-means, each over one block of rows [start, end) of a
 * row-major point matrix X (n × d), writing its block's result at `po`.
 *
 * They must stay self-contained (no calls to other functions of this
 * module, no imports): worker threads are built from their source text
 * (see worker-source.ts).
 *
 * Distances use ||x − c||² = ||x||² + ||c||² − 2x·c, with ||x||² computed
 * once per fit: that is d multiply-adds per pair instead of d subtractions,
 * multiplies and adds (the points are centred, which keeps it accurate, as in
 * scikit-learn). The loops take four rows against two centres at a time:
 * each value loaded is used two or four times and eight independent sums
 * keep the FPU busy. On 1M × 10 with k = 8, one row against one centre with
 * plain differences measured ~3× slower, two rows against two centres ~1.3×
 * slower, and calling a helper per tile ~1.5× slower; so the tiles are
 * written out, and these functions run over 40 lines.
 */

/** Fills `cn` with ||c||² and `m2` with −2c for k centres of d dims. */
export function centreTerms(centres: Float64Array, k: number, d: number, cn: Float64Array, m2: Float64Array): void {
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const v = centres[c * d + j];
      s += v * v;
      m2[c * d + j] = -2 * v;
    }
    cn[c] = s;
  }
}

/** Doubles per block written by {@link assignBlock}: k·d sums, k weights, changed, objective. */
export function assignStride(k: number, d: number): number {
  return k * d + k + 2;
}

/**
 * Writes ||x||² of each row into `norms` (reused by every later pass) and
 * returns Σ w·||x||² over the block (turns the assignment objective into inertia).
 */
export function normsBlock(X: Float64Array, d: number, start: number, end: number, w: Float64Array, norms: Float64Array): number {
  let wn = 0;
  for (let i = start; i < end; i++) {
    const b = i * d;
    let s = 0;
    for (let j = 0; j < d; j++) s += X[b + j] * X[b + j];
    norms[i] = s;
    wn += w[i] * s;
  }
  return wn;
}

/**
 * Labels each row with its nearest centre (ties go to the lower index) and
 * writes, at `part[po …]`: when `accumulate`, each cluster's weighted sum of
 * rows and its weight; then how many labels changed and Σ w·(||c||² − 2x·c)
 * at the chosen centres (add Σ w·||x||² for the inertia before the update).
 * The sums are taken in a second loop over the block, still in cache:
 * measured faster than adding each row as it is labelled.
 */
export function assignBlock(
  X: Float64Array, d: number, start: number, end: number, k: number, cn: Float64Array, m2: Float64Array,
  labels: Int32Array, w: Float64Array, accumulate: boolean, part: Float64Array, po: number,
): void {
  const pw = po + k * d;
  part.fill(0, po, pw + k + 2);
  let changed = 0;
  let objective = 0;
  const last = end - 1;
  for (let i = start; i < end; i += 4) {
    // Past the block's end, the tile repeats its last row; those results are not written.
    const i1 = i + 1 < end ? i + 1 : last, i2 = i + 2 < end ? i + 2 : last, i3 = i + 3 < end ? i + 3 : last;
    const b0 = i * d, b1 = i1 * d, b2 = i2 * d, b3 = i3 * d;
    let best0 = Infinity, best1 = Infinity, best2 = Infinity, best3 = Infinity;
    let l0 = 0, l1 = 0, l2 = 0, l3 = 0;
    for (let c = 0; c < k; c += 2) {
      // An odd last centre is paired with itself.
      const c1 = c + 1 < k ? c + 1 : c;
      const ca = c * d, cb = c1 * d;
      let s00 = cn[c], s01 = cn[c1], s10 = s00, s11 = s01, s20 = s00, s21 = s01, s30 = s00, s31 = s01;
      for (let j = 0; j < d; j++) {
        const ma = m2[ca + j], mb = m2[cb + j];
        const x0 = X[b0 + j], x1 = X[b1 + j], x2 = X[b2 + j], x3 = X[b3 + j];
        s00 += x0 * ma; s01 += x0 * mb; s10 += x1 * ma; s11 += x1 * mb;
        s20 += x2 * ma; s21 += x2 * mb; s30 += x3 * ma; s31 += x3 * mb;
      }
      if (s00 < best0) { best0 = s00; l0 = c; }
      if (s01 < best0) { best0 = s01; l0 = c1; }
      if (s10 < best1) { best1 = s10; l1 = c; }
      if (s11 < best1) { best1 = s11; l1 = c1; }
      if (s20 < best2) { best2 = s20; l2 = c; }
      if (s21 < best2) { best2 = s21; l2 = c1; }
      if (s30 < best3) { best3 = s30; l3 = c; }
      if (s31 < best3) { best3 = s31; l3 = c1; }
    }
    if (labels[i] !== l0) changed++;
    labels[i] = l0;
    objective += w[i] * best0;
    if (i + 1 < end) { if (labels[i1] !== l1) changed++; labels[i1] = l1; objective += w[i1] * best1; }
    if (i + 2 < end) { if (labels[i2] !== l2) changed++; labels[i2] = l2; objective += w[i2] * best2; }
    if (i + 3 < end) { if (labels[i3] !== l3) changed++; labels[i3] = l3; objective += w[i3] * best3; }
  }
  if (accumulate) {
    for (let i = start; i < end; i++) {
      const wi = w[i], l = labels[i], o = po + l * d, b = i * d;
      for (let j = 0; j < d; j++) part[o + j] += wi * X[b + j];
      part[pw + l] += wi;
    }
  }
  part[pw + k] = changed;
  part[pw + k + 1] = objective;
}

/**
 * k-means++'s greedy step: for each of L candidate centres t, the row's
 * would-be closest distance min(closest, ||x − cand_t||²) into
 * `next[t·n + i]` (n = `closest.length`), and the block's potential
 * Σ w·that at `part[po + t]`. The winner's column becomes `closest` without
 * a second pass over the points, as scikit-learn keeps its L × n distances.
 */
export function candidatePotsBlock(
  X: Float64Array, d: number, start: number, end: number, L: number, cn: Float64Array, m2: Float64Array,
  closest: Float64Array, norms: Float64Array, w: Float64Array, next: Float64Array, part: Float64Array, po: number,
): void {
  const n = closest.length;
  const last = end - 1;
  for (let i = start; i < end; i += 4) {
    // Past the block's end, the tile repeats its last row; those results are not written.
    const i1 = i + 1 < end ? i + 1 : last, i2 = i + 2 < end ? i + 2 : last, i3 = i + 3 < end ? i + 3 : last;
    const b0 = i * d, b1 = i1 * d, b2 = i2 * d, b3 = i3 * d;
    for (let t = 0; t < L; t += 2) {
      // An odd last candidate is paired with itself.
      const t1 = t + 1 < L ? t + 1 : t;
      const ta = t * d, tb = t1 * d;
      let s00 = cn[t], s01 = cn[t1], s10 = s00, s11 = s01, s20 = s00, s21 = s01, s30 = s00, s31 = s01;
      for (let j = 0; j < d; j++) {
        const ma = m2[ta + j], mb = m2[tb + j];
        const x0 = X[b0 + j], x1 = X[b1 + j], x2 = X[b2 + j], x3 = X[b3 + j];
        s00 += x0 * ma; s01 += x0 * mb; s10 += x1 * ma; s11 += x1 * mb;
        s20 += x2 * ma; s21 += x2 * mb; s30 += x3 * ma; s31 += x3 * mb;
      }
      // Rounding can make a tiny squared distance negative: clamp at 0.
      const oa = t * n, ob = t1 * n;
      next[oa + i] = Math.min(closest[i], Math.max(0, norms[i] + s00));
      next[ob + i] = Math.min(closest[i], Math.max(0, norms[i] + s01));
      if (i + 1 < end) {
        next[oa + i1] = Math.min(closest[i1], Math.max(0, norms[i1] + s10));
        next[ob + i1] = Math.min(closest[i1], Math.max(0, norms[i1] + s11));
      }
      if (i + 2 < end) {
        next[oa + i2] = Math.min(closest[i2], Math.max(0, norms[i2] + s20));
        next[ob + i2] = Math.min(closest[i2], Math.max(0, norms[i2] + s21));
      }
      if (i + 3 < end) {
        next[oa + i3] = Math.min(closest[i3], Math.max(0, norms[i3] + s30));
        next[ob + i3] = Math.min(closest[i3], Math.max(0, norms[i3] + s31));
      }
    }
  }
  for (let t = 0; t < L; t++) {
    const o = t * n;
    let pot = 0;
    for (let i = start; i < end; i++) pot += w[i] * next[o + i];
    part[po + t] = pot;
  }
}

/**
 * Lowers `closest[i]` to the squared distance to one centre (given as
 * ||c||² in `cn[0]` and −2c in `m2`) and returns Σ w·closest over the block.
 * Seeds k-means++ with its first centre.
 */
export function updateClosestBlock(
  X: Float64Array, d: number, start: number, end: number, cn: Float64Array, m2: Float64Array,
  closest: Float64Array, norms: Float64Array, w: Float64Array,
): number {
  let pot = 0;
  const c2 = cn[0];
  for (let i = start; i < end; i += 2) {
    const pair = i + 1 < end;
    const b0 = i * d;
    const b1 = pair ? b0 + d : b0;
    let s0 = c2, s1 = c2;
    for (let j = 0; j < d; j++) { const m = m2[j]; s0 += X[b0 + j] * m; s1 += X[b1 + j] * m; }
    const v0 = Math.min(closest[i], Math.max(0, norms[i] + s0));
    closest[i] = v0;
    pot += w[i] * v0;
    if (!pair) break;
    const v1 = Math.min(closest[i + 1], Math.max(0, norms[i + 1] + s1));
    closest[i + 1] = v1;
    pot += w[i + 1] * v1;
  }
  return pot;
}

/** Copies candidate t's column of `next` into `closest`; returns Σ w·closest over the block. */
export function takeClosestBlock(start: number, end: number, t: number, next: Float64Array, closest: Float64Array, w: Float64Array): number {
  const o = t * closest.length;
  let pot = 0;
  for (let i = start; i < end; i++) {
    const v = next[o + i];
    closest[i] = v;
    pot += w[i] * v;
  }
  return pot;
}

/**
 * Σ w·||x − c_label||² over the block, from plain differences, as
 * scikit-learn reports inertia (the dot-product form loses digits here).
 */
export function inertiaBlock(X: Float64Array, d: number, start: number, end: number, centres: Float64Array, labels: Int32Array, w: Float64Array): number {
  let total = 0;
  for (let i = start; i < end; i++) {
    const b = i * d;
    const cb = labels[i] * d;
    let s = 0;
    for (let j = 0; j < d; j++) {
      const t = X[b + j] - centres[cb + j];
      s += t * t;
    }
    total += w[i] * s;
  }
  return total;
}
