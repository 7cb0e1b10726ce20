import type { FeatureBins } from './bin-mapper.js';

/** Constraints and regularisation of a split. */
export interface SplitParams {
  lambdaL2: number;
  minDataInLeaf: number;
  minSumHessian: number;
  minGainToSplit: number;
  /**
   * A split must also gain more than this fraction of the parent's score;
   * a forest sets a tiny one so pure nodes do not split on rounding noise.
   */
  minGainRel?: number;
  /** Added to the hessian when ordering categories by gradient / hessian (LightGBM's cat_smooth). */
  catSmooth: number;
  /** Extra L2 on categorical splits (LightGBM's cat_l2). */
  catL2: number;
  /** Most categories on the left of a sorted categorical split. */
  maxCatThreshold: number;
  /** At most this many categories: try each one against the rest instead of sorting. */
  maxCatToOnehot: number;
  /** Categories with fewer rows than this in the node are not ordered; they go right. */
  minDataPerGroup: number;
}

/** Gradient sums of a set of rows: K gradient channels, hessian, count. */
export interface NodeSums {
  g: Float64Array;
  h: number;
  c: number;
}

/** The best split of one leaf. */
export interface SplitCandidate {
  feature: number;
  gain: number;
  /** Categorical: bins going left (1) or right (0), indexed by bin, bin 0 being the missing bin; null for numeric. */
  goLeft: Uint8Array | null;
  /** Numeric: bins 1..thresholdBin go left (and bin 0 when defaultLeft); -1 for categorical. */
  thresholdBin: number;
  defaultLeft: boolean;
  left: NodeSums;
  right: NodeSums;
}

/** The leaf score Σ G² / (H + λ) whose increase is the split gain. */
export function leafScore(g: Float64Array, h: number, lambda: number): number {
  let s = 0;
  for (let k = 0; k < g.length; k++) s += g[k] * g[k];
  return s / (h + lambda);
}

/**
 * Finds the best split of one feature from its histogram, or null when no
 * split passes the constraints. `hb` is the index of the feature's bin 0 in
 * `hist`; `ch` is channels per bin (K + 2). `visit`, when given, lists the
 * non-empty bins other than the missing one, ascending: a small node scans
 * those instead of every bin, with the same result. Only a split gaining
 * more than `beat` (the best of the features before) is returned, so losing
 * features allocate nothing.
 */
export function bestSplitOfFeature(
  hist: Float64Array, hb: number, ch: number, fb: FeatureBins, f: number,
  total: NodeSums, p: SplitParams, visit: Int32Array | null = null, nVisit = 0, beat = -Infinity,
): SplitCandidate | null {
  return fb.categorical ? bestCategorical(hist, hb, ch, fb.nBins, f, total, p, visit, nVisit, beat) : bestNumeric(hist, hb, ch, fb.nBins, f, total, p, visit, nVisit, beat);
}

/** Tries each threshold with the missing bin on the right, then on the left. */
function bestNumeric(
  hist: Float64Array, hb: number, ch: number, nBins: number, f: number, total: NodeSums, p: SplitParams, visit: Int32Array | null, nVisit: number, beat: number,
): SplitCandidate | null {
  const missC = hist[hb + ch - 1];
  const best = { gain: Math.max(minGain(total, p), beat), t: -1, missLeft: false };
  for (let dir = 0; dir < (missC > 0 ? 2 : 1); dir++) {
    if (ch === 3) scanScalar(hist, hb, nBins, dir === 1, missC > 0, total, p, best, visit, nVisit);
    else scanMulti(hist, hb, ch, nBins, dir === 1, missC > 0, total, p, best, visit, nVisit);
  }
  if (best.t < 0) return null;
  const acc = new Float64Array(ch);
  if (best.missLeft) addBin(hist, hb, acc);
  const nq = visit ? nVisit : best.t;
  for (let q = 0; q < nq; q++) {
    const t = visit ? visit[q] : q + 1;
    if (t > best.t) break;
    addBin(hist, hb + t * ch, acc);
  }
  const cand = withSums(acc, f, best.gain, total, null);
  cand.thresholdBin = best.t;
  // No missing rows reached this node: send future ones to the bigger side.
  cand.defaultLeft = missC > 0 ? best.missLeft : cand.left.c >= cand.right.c;
  return cand;
}

interface ScanBest {
  gain: number;
  t: number;
  missLeft: boolean;
}

/**
 * The threshold scan for one output, on plain numbers. Hot loop: it runs
 * for every bin of every feature of every leaf, which dominates on small data.
 */
function scanScalar(
  hist: Float64Array, hb: number, nBins: number, missLeft: boolean, hasMissing: boolean, total: NodeSums, p: SplitParams, best: ScanBest, visit: Int32Array | null, nVisit: number,
): void {
  const G = total.g[0];
  const H = total.h;
  const C = total.c;
  const lam = p.lambdaL2;
  const minC = p.minDataInLeaf;
  const minH = p.minSumHessian;
  const parent = (G * G) / (H + lam);
  let lg = missLeft ? hist[hb] : 0;
  let lh = missLeft ? hist[hb + 1] : 0;
  let lc = missLeft ? hist[hb + 2] : 0;
  // With missing values on the right, "every value left, missing right" is a split too.
  const lastT = hasMissing && !missLeft ? nBins - 1 : nBins - 2;
  const nq = visit ? nVisit : lastT;
  for (let q = 0; q < nq; q++) {
    const t = visit ? visit[q] : q + 1;
    if (t > lastT) break;
    const o = hb + t * 3;
    // An empty bin repeats the previous threshold's split.
    if (hist[o + 2] === 0) continue;
    lg += hist[o];
    lh += hist[o + 1];
    lc += hist[o + 2];
    if (lc < minC || lh < minH) continue;
    const rh = H - lh;
    // Hessians are not negative, so the right side only shrinks from here.
    if (C - lc < minC || rh < minH) break;
    const rg = G - lg;
    const gain = (lg * lg) / (lh + lam) + (rg * rg) / (rh + lam) - parent;
    if (gain > best.gain) {
      best.gain = gain;
      best.t = t;
      best.missLeft = missLeft;
    }
  }
}

/** The threshold scan for K outputs sharing one hessian (a multiclass forest). */
function scanMulti(
  hist: Float64Array, hb: number, ch: number, nBins: number, missLeft: boolean, hasMissing: boolean, total: NodeSums, p: SplitParams, best: ScanBest, visit: Int32Array | null, nVisit: number,
): void {
  const k = ch - 2;
  const parent = leafScore(total.g, total.h, p.lambdaL2);
  const acc = new Float64Array(ch);
  const lg = acc.subarray(0, k);
  const rg = new Float64Array(k);
  if (missLeft) addBin(hist, hb, acc);
  const lastT = hasMissing && !missLeft ? nBins - 1 : nBins - 2;
  const nq = visit ? nVisit : lastT;
  for (let q = 0; q < nq; q++) {
    const t = visit ? visit[q] : q + 1;
    if (t > lastT) break;
    if (hist[hb + t * ch + k + 1] === 0) continue;
    addBin(hist, hb + t * ch, acc);
    const lh = acc[k];
    const lc = acc[k + 1];
    const rh = total.h - lh;
    if (lc < p.minDataInLeaf || lh < p.minSumHessian) continue;
    if (total.c - lc < p.minDataInLeaf || rh < p.minSumHessian) break;
    for (let c = 0; c < k; c++) rg[c] = total.g[c] - lg[c];
    const gain = leafScore(lg, lh, p.lambdaL2) + leafScore(rg, rh, p.lambdaL2) - parent;
    if (gain > best.gain) {
      best.gain = gain;
      best.t = t;
      best.missLeft = missLeft;
    }
  }
}

/** The gain a split must beat. */
function minGain(total: NodeSums, p: SplitParams): number {
  return p.minGainRel ? p.minGainToSplit + p.minGainRel * leafScore(total.g, total.h, p.lambdaL2) : p.minGainToSplit;
}

/** acc[0..ch) += the bin at `b`. */
function addBin(hist: Float64Array, b: number, acc: Float64Array): void {
  for (let c = 0; c < acc.length; c++) acc[c] += hist[b + c];
}

/**
 * LightGBM's categorical split: categories (the missing bin among them) with
 * enough rows are ordered by gradient / (hessian + cat_smooth) and every
 * prefix of that order, from either end, is tried as the left set; the
 * rarer categories always go right. Several outputs (no single order
 * exists) or at most `maxCatToOnehot` categories try each category against
 * the rest instead.
 */
function bestCategorical(
  hist: Float64Array, hb: number, ch: number, nBins: number, f: number, total: NodeSums, p: SplitParams, visit: Int32Array | null, nVisit: number, beat: number,
): SplitCandidate | null {
  const k = ch - 2;
  const minRows = Math.max(1, p.minDataPerGroup);
  const cats: number[] = [];
  if (hist[hb + k + 1] >= minRows) cats.push(0);
  const nv = visit ? nVisit : nBins - 1;
  for (let q = 0; q < nv; q++) {
    const b = visit ? visit[q] : q + 1;
    if (hist[hb + b * ch + k + 1] >= minRows) cats.push(b);
  }
  if (cats.length === 0) return null;
  const oneHot = cats.length <= p.maxCatToOnehot || k > 1;
  if (!oneHot) {
    const ratio = new Map<number, number>();
    for (const b of cats) ratio.set(b, hist[hb + b * ch] / (hist[hb + b * ch + k] + p.catSmooth));
    cats.sort((a, b) => ratio.get(a)! - ratio.get(b)! || a - b);
  }
  const scan = new CategoryScan(hist, hb, ch, total, p, Math.max(minGain(total, p), beat));
  if (oneHot) {
    for (let i = 0; i < cats.length; i++) scan.reset().add(cats[i]).check(i, 1);
  } else {
    const limit = Math.min(p.maxCatThreshold, cats.length - 1);
    scan.reset();
    for (let n = 1; n <= limit; n++) scan.add(cats[n - 1]).check(0, n);
    scan.reset();
    for (let n = 1; n <= limit; n++) scan.add(cats[cats.length - n]).check(cats.length - n, n);
  }
  if (scan.bestCount === 0) return null;
  const goLeft = new Uint8Array(nBins);
  for (let i = 0; i < scan.bestCount; i++) goLeft[cats[scan.bestFrom + i]] = 1;
  return candidate(hist, hb, ch, goLeft, f, scan.bestGain, total, visit, nVisit);
}

/** Running left-side sums of a categorical scan and the best set so far (a range of the ordered categories). */
class CategoryScan {
  bestGain: number;
  bestFrom = 0;
  bestCount = 0;
  private readonly acc: Float64Array;
  private readonly rg: Float64Array;
  private readonly k: number;
  private readonly parent: number;
  private readonly lambda: number;

  constructor(private readonly hist: Float64Array, private readonly hb: number, private readonly ch: number, private readonly total: NodeSums, private readonly p: SplitParams, beat: number) {
    this.k = ch - 2;
    this.acc = new Float64Array(ch);
    this.rg = new Float64Array(this.k);
    this.lambda = p.lambdaL2 + p.catL2;
    this.parent = leafScore(total.g, total.h, p.lambdaL2);
    this.bestGain = beat;
  }

  reset(): this {
    this.acc.fill(0);
    return this;
  }

  add(b: number): this {
    addBin(this.hist, this.hb + b * this.ch, this.acc);
    return this;
  }

  /** Scores the current left set, ordered categories from..from + count. */
  check(from: number, count: number): void {
    const { acc, k, total, p, rg } = this;
    const lh = acc[k];
    const lc = acc[k + 1];
    const rh = total.h - lh;
    const rc = total.c - lc;
    if (lc < p.minDataInLeaf || lh < p.minSumHessian || rc < p.minDataInLeaf || rh < p.minSumHessian) return;
    for (let c = 0; c < k; c++) rg[c] = total.g[c] - acc[c];
    const gain = leafScore(acc.subarray(0, k), lh, this.lambda) + leafScore(rg, rh, this.lambda) - this.parent;
    if (gain > this.bestGain) {
      this.bestGain = gain;
      this.bestFrom = from;
      this.bestCount = count;
    }
  }
}

/** A categorical split's child sums, added up over the bins going left. */
function candidate(hist: Float64Array, hb: number, ch: number, goLeft: Uint8Array, f: number, gain: number, total: NodeSums, visit: Int32Array | null, nVisit: number): SplitCandidate {
  const acc = new Float64Array(ch);
  if (goLeft[0]) addBin(hist, hb, acc);
  const nq = visit ? nVisit : goLeft.length - 1;
  for (let q = 0; q < nq; q++) {
    const b = visit ? visit[q] : q + 1;
    if (goLeft[b]) addBin(hist, hb + b * ch, acc);
  }
  return withSums(acc, f, gain, total, goLeft);
}

function withSums(acc: Float64Array, f: number, gain: number, total: NodeSums, goLeft: Uint8Array | null): SplitCandidate {
  const k = acc.length - 2;
  const left: NodeSums = { g: acc.slice(0, k), h: acc[k], c: acc[k + 1] };
  const right: NodeSums = { g: new Float64Array(k), h: total.h - left.h, c: total.c - left.c };
  for (let c = 0; c < k; c++) right.g[c] = total.g[c] - left.g[c];
  return { feature: f, gain, goLeft, thresholdBin: -1, defaultLeft: goLeft ? goLeft[0] === 1 : false, left, right };
}
