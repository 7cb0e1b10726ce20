/**
 * The one-output histogram kernels, unrolled by hand: a loop over features
 * costs about twice as much per update in V8 as straight-line code, and
 * handling two packed words (up to eight features) per row in one pass
 * saves a fifth again by reading each row's index and gradients once.
 * Hot loops: they run once per row per histogram.
 *
 * Each adds rows idx[s..e) into histograms whose bin 0 starts at o0, o1, …
 * (absolute indexes in `buf`, three doubles per bin: gradient, hessian,
 * count). `gathered` reads gradients at the row's position in idx instead
 * of at the row.
 */

/** Adds one group of `lanes` (1–4) features, or two groups (4 + `lanesB` features) when `wb` is given. */
export function accumulateWords(
  buf: Float64Array, wa: Uint32Array, wb: Uint32Array | null, lanes: number, lanesB: number,
  idx: Int32Array, s: number, e: number, g0: number, h0: number, gathered: boolean, o: Int32Array,
): void {
  if (wb) {
    if (lanesB === 4) lanes4and4(buf, wa, wb, idx, s, e, g0, h0, gathered, o[0], o[1], o[2], o[3], o[4], o[5], o[6], o[7]);
    else if (lanesB === 3) lanes4and3(buf, wa, wb, idx, s, e, g0, h0, gathered, o[0], o[1], o[2], o[3], o[4], o[5], o[6]);
    else if (lanesB === 2) lanes4and2(buf, wa, wb, idx, s, e, g0, h0, gathered, o[0], o[1], o[2], o[3], o[4], o[5]);
    else lanes4and1(buf, wa, wb, idx, s, e, g0, h0, gathered, o[0], o[1], o[2], o[3], o[4]);
    return;
  }
  if (lanes === 4) lanes4(buf, wa, idx, s, e, g0, h0, gathered, o[0], o[1], o[2], o[3]);
  else if (lanes === 3) lanes3(buf, wa, idx, s, e, g0, h0, gathered, o[0], o[1], o[2]);
  else if (lanes === 2) lanes2(buf, wa, idx, s, e, g0, h0, gathered, o[0], o[1]);
  else lanes1(buf, wa, idx, s, e, g0, h0, gathered, o[0]);
}

function lanes4and4(buf: Float64Array, wa: Uint32Array, wb: Uint32Array, idx: Int32Array, s: number, e: number, g0: number, h0: number, gathered: boolean, o0: number, o1: number, o2: number, o3: number, o4: number, o5: number, o6: number, o7: number): void {
  for (let i = s; i < e; i++) {
    const r = idx[i];
    const w = wa[r];
    const x = wb[r];
    const j = gathered ? i : r;
    const g = buf[g0 + j];
    const h = buf[h0 + j];
    let b: number;
      b = o0 + (w & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o1 + ((w >>> 8) & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o2 + ((w >>> 16) & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o3 + (w >>> 24) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o4 + (x & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o5 + ((x >>> 8) & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o6 + ((x >>> 16) & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o7 + (x >>> 24) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
  }
}

function lanes4and3(buf: Float64Array, wa: Uint32Array, wb: Uint32Array, idx: Int32Array, s: number, e: number, g0: number, h0: number, gathered: boolean, o0: number, o1: number, o2: number, o3: number, o4: number, o5: number, o6: number): void {
  for (let i = s; i < e; i++) {
    const r = idx[i];
    const w = wa[r];
    const x = wb[r];
    const j = gathered ? i : r;
    const g = buf[g0 + j];
    const h = buf[h0 + j];
    let b: number;
      b = o0 + (w & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o1 + ((w >>> 8) & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o2 + ((w >>> 16) & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o3 + (w >>> 24) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o4 + (x & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o5 + ((x >>> 8) & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o6 + ((x >>> 16) & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
  }
}

function lanes4and2(buf: Float64Array, wa: Uint32Array, wb: Uint32Array, idx: Int32Array, s: number, e: number, g0: number, h0: number, gathered: boolean, o0: number, o1: number, o2: number, o3: number, o4: number, o5: number): void {
  for (let i = s; i < e; i++) {
    const r = idx[i];
    const w = wa[r];
    const x = wb[r];
    const j = gathered ? i : r;
    const g = buf[g0 + j];
    const h = buf[h0 + j];
    let b: number;
      b = o0 + (w & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o1 + ((w >>> 8) & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o2 + ((w >>> 16) & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o3 + (w >>> 24) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o4 + (x & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o5 + ((x >>> 8) & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
  }
}

function lanes4and1(buf: Float64Array, wa: Uint32Array, wb: Uint32Array, idx: Int32Array, s: number, e: number, g0: number, h0: number, gathered: boolean, o0: number, o1: number, o2: number, o3: number, o4: number): void {
  for (let i = s; i < e; i++) {
    const r = idx[i];
    const w = wa[r];
    const x = wb[r];
    const j = gathered ? i : r;
    const g = buf[g0 + j];
    const h = buf[h0 + j];
    let b: number;
      b = o0 + (w & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o1 + ((w >>> 8) & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o2 + ((w >>> 16) & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o3 + (w >>> 24) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o4 + (x & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
  }
}

function lanes4(buf: Float64Array, wa: Uint32Array, idx: Int32Array, s: number, e: number, g0: number, h0: number, gathered: boolean, o0: number, o1: number, o2: number, o3: number): void {
  for (let i = s; i < e; i++) {
    const r = idx[i];
    const w = wa[r];
    const j = gathered ? i : r;
    const g = buf[g0 + j];
    const h = buf[h0 + j];
    let b: number;
      b = o0 + (w & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o1 + ((w >>> 8) & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o2 + ((w >>> 16) & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o3 + (w >>> 24) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
  }
}

function lanes3(buf: Float64Array, wa: Uint32Array, idx: Int32Array, s: number, e: number, g0: number, h0: number, gathered: boolean, o0: number, o1: number, o2: number): void {
  for (let i = s; i < e; i++) {
    const r = idx[i];
    const w = wa[r];
    const j = gathered ? i : r;
    const g = buf[g0 + j];
    const h = buf[h0 + j];
    let b: number;
      b = o0 + (w & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o1 + ((w >>> 8) & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o2 + ((w >>> 16) & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
  }
}

function lanes2(buf: Float64Array, wa: Uint32Array, idx: Int32Array, s: number, e: number, g0: number, h0: number, gathered: boolean, o0: number, o1: number): void {
  for (let i = s; i < e; i++) {
    const r = idx[i];
    const w = wa[r];
    const j = gathered ? i : r;
    const g = buf[g0 + j];
    const h = buf[h0 + j];
    let b: number;
      b = o0 + (w & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
      b = o1 + ((w >>> 8) & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
  }
}

function lanes1(buf: Float64Array, wa: Uint32Array, idx: Int32Array, s: number, e: number, g0: number, h0: number, gathered: boolean, o0: number): void {
  for (let i = s; i < e; i++) {
    const r = idx[i];
    const w = wa[r];
    const j = gathered ? i : r;
    const g = buf[g0 + j];
    const h = buf[h0 + j];
    let b: number;
      b = o0 + (w & 255) * 3;
      buf[b] += g; buf[b + 1] += h; buf[b + 2] += 1;
  }
}
