import type { Rng } from '../../core/index.js';
import type { KMeansExecutor } from './executor.js';
import { BLOCK_ROWS } from './points.js';

/**
 * Greedy k-means++ seeding, as scikit-learn's `_kmeans_plusplus`: the first
 * centre is a row drawn by weight; each next one is the best, by potential
 * Σ w·min(closest, d²), of 2 + ⌊ln k⌋ rows drawn with probability ∝ w·d² to
 * the closest centre so far. Weights are used throughout, as in
 * scikit-learn ≥ 1.3 (1.2 ignored them in seeding); with unit weights the
 * two agree. Returns k × d centres, row-major.
 */
export async function kmeansPlusPlus(ex: KMeansExecutor, k: number, rng: Rng): Promise<Float64Array> {
  const { data: X, dims: d } = ex.points;
  const trials = plusPlusTrials(k);
  const centres = new Float64Array(k * d);
  const first = pickByWeight(ex.weights, rng.next());
  centres.set(X.subarray(first * d, first * d + d), 0);
  ex.closest.fill(Infinity);
  // Each block's potential Σ w·closest, after each new centre.
  let blockPots = await ex.updateClosest(centres.subarray(0, d));
  for (let c = 1; c < k; c++) {
    const ids = sampleCandidates(ex.closest, ex.weights, blockPots, trials, rng);
    const cands = new Float64Array(trials * d);
    for (let t = 0; t < trials; t++) cands.set(X.subarray(ids[t] * d, ids[t] * d + d), t * d);
    const pots = await ex.candidatePots(cands, trials);
    let best = 0;
    for (let t = 1; t < trials; t++) if (pots[t] < pots[best]) best = t;
    centres.set(cands.subarray(best * d, best * d + d), c * d);
    blockPots = await ex.takeCandidate(best);
  }
  return centres;
}

/** Candidates per k-means++ step: 2 + ⌊ln k⌋, as Arthur and Vassilvitskii tried and scikit-learn uses. */
export function plusPlusTrials(k: number): number {
  return 2 + Math.floor(Math.log(k));
}

/** The first row whose cumulative weight exceeds u·Σw (u in [0, 1)). */
function pickByWeight(w: Float64Array, u: number): number {
  let total = 0;
  for (let i = 0; i < w.length; i++) total += w[i];
  const r = u * total;
  let cum = 0;
  for (let i = 0; i < w.length; i++) {
    cum += w[i];
    if (cum > r) return i;
  }
  return w.length - 1;
}

/**
 * Draws `trials` rows with probability ∝ w·closest: like numpy's
 * searchsorted(cumsum, u·pot), each draw takes the first row whose
 * cumulative value reaches it, clipped to the last row when rounding leaves
 * the sum short. The per-block potentials find each draw's block, so only
 * those blocks are scanned. Draw order is kept: ties between candidates go
 * to the first.
 */
function sampleCandidates(closest: Float64Array, w: Float64Array, blockPots: Float64Array, trials: number, rng: Rng): Int32Array {
  let pot = 0;
  for (let b = 0; b < blockPots.length; b++) pot += blockPots[b];
  const ids = new Int32Array(trials);
  for (let t = 0; t < trials; t++) {
    const r = rng.next() * pot;
    let b = 0;
    let before = 0;
    while (b < blockPots.length - 1 && before + blockPots[b] < r) before += blockPots[b++];
    const end = Math.min(closest.length, (b + 1) * BLOCK_ROWS);
    let i = b * BLOCK_ROWS;
    let cum = before + w[i] * closest[i];
    while (cum < r && i < end - 1) {
      i++;
      cum += w[i] * closest[i];
    }
    ids[t] = i;
  }
  return ids;
}
