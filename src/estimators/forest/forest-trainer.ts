import { type Frame, Rng } from '../../core/index.js';
import type { FitOptions, Task } from '../estimator.js';
import { type BinnedData, binFrame, fitBins } from '../tree/bin-mapper.js';
import { type EnsembleArrays, EnsembleBuilder } from '../tree/ensemble.js';
import { openExecutor } from '../tree/executor.js';
import { type FeatureSpec, featureSpecs } from '../tree/feature-columns.js';
import { type GrownTree, TreeLearner, binnedLeaf } from '../tree/tree-learner.js';
import { TreeWorkspace } from '../tree/tree-workspace.js';

/** Resolved settings of a forest fit. */
export interface ForestConfig {
  nEstimators: number;
  maxDepth: number;
  minDataInLeaf: number;
  /** Features drawn for each split. */
  perSplit: number;
  bootstrap: boolean;
  maxBins: number;
  seed: number;
  oob: boolean;
}

/** What a forest learns. */
export interface ForestModel {
  trees: EnsembleArrays;
  features: FeatureSpec[];
  /** Out-of-bag accuracy (classification) or R² (regression), when asked for. */
  oobScore: number | null;
}

/**
 * Random forest on the histogram tree learner: each tree sees a bootstrap
 * sample (as row weights) and tries a random subset of features at every
 * split, and grows until its leaves are pure or too small. Splits minimise
 * squared error on the target (regression), or on the class indicators
 * (classification), which is the Gini criterion; leaves hold the mean, or
 * the class distribution.
 */
export async function growForest(
  frame: Frame, y: Float64Array, w: Float64Array | null, task: Task, classes: number, cfg: ForestConfig, opts: FitOptions = {},
): Promise<ForestModel> {
  const bins = fitBins(frame, cfg.maxBins, cfg.seed);
  const n = frame.rows;
  const k = task === 'multiclass' ? classes : 1;
  const exec = await openExecutor(n);
  try {
    const data = binFrame(frame, bins, exec.shared);
    const ws = new TreeWorkspace(data, k, 96, exec.shared);
    exec.bind(ws, null);
    const learner = new TreeLearner(ws, exec.executor, {
      lambdaL2: 0, minDataInLeaf: cfg.minDataInLeaf, minSumHessian: 1e-12, minGainToSplit: 0, minGainRel: 1e-12,
      catSmooth: 10, catL2: 10, maxCatThreshold: 32, maxCatToOnehot: 0, minDataPerGroup: 10,
      numLeaves: Infinity, maxDepth: cfg.maxDepth, featuresPerSplit: cfg.perSplit,
    });
    const offset = task === 'regression' ? weightedMean(y, w) : 0;
    const builder = new EnsembleBuilder(k);
    const oob = cfg.oob ? new OutOfBag(n, k) : null;
    const rng = new Rng(cfg.seed);
    const all = Int32Array.from({ length: bins.length }, (_, i) => i);
    const counts = new Float64Array(n);
    for (let t = 0; t < cfg.nEstimators && !opts.signal?.aborted; t++) {
      const m = drawRows(rng, counts, cfg.bootstrap, ws);
      fillGradients(ws, y, w, counts, task, offset);
      const tree = learner.grow(m, all, new Rng(rng.nextU32()));
      const values = leafValues(tree, k, offset);
      builder.add(tree, data.features, values);
      oob?.add(tree, data, counts, values);
      opts.onIteration?.({ iteration: t + 1, total: cfg.nEstimators });
    }
    return { trees: builder.finish(), features: featureSpecs(bins), oobScore: oob ? oob.score(y, task) : null };
  } finally {
    exec.close();
  }
}

function weightedMean(y: Float64Array, w: Float64Array | null): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < y.length; i++) {
    s += (w ? w[i] : 1) * y[i];
    sw += w ? w[i] : 1;
  }
  return sw > 0 ? s / sw : 0;
}

/** Draws the tree's rows (bootstrap counts, or every row once) and lists the drawn ones in idx; returns how many. */
function drawRows(rng: Rng, counts: Float64Array, bootstrap: boolean, ws: TreeWorkspace): number {
  const n = counts.length;
  if (bootstrap) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[rng.int(n)]++;
  } else counts.fill(1);
  let m = 0;
  for (let i = 0; i < n; i++) if (counts[i] > 0) ws.idx[m++] = i;
  return m;
}

/**
 * Gradients whose Newton step is the leaf's weighted mean: g = −(y − offset)·c,
 * h = c, with c = bootstrap count × weight; K one-hot channels for multiclass.
 */
function fillGradients(ws: TreeWorkspace, y: Float64Array, w: Float64Array | null, counts: Float64Array, task: Task, offset: number): void {
  const n = ws.n;
  const { grad, hess } = ws;
  if (task === 'multiclass') grad.fill(0);
  for (let i = 0; i < n; i++) {
    const c = counts[i] * (w ? w[i] : 1);
    hess[i] = c;
    if (task === 'multiclass') grad[y[i] * n + i] = -c;
    else grad[i] = -(y[i] - offset) * c;
  }
}

/** Leaf means (plus the regression offset) or class distributions, `k` values per leaf. */
function leafValues(t: GrownTree, k: number, offset: number): Float64Array {
  const v = new Float64Array(t.leafStart.length * k);
  t.leafSums.forEach((s, j) => {
    for (let c = 0; c < k; c++) v[j * k + c] = (s.h > 0 ? -s.g[c] / s.h : 0) + offset;
  });
  return v;
}

/** Sums each row's predictions from the trees that did not draw it. */
class OutOfBag {
  private readonly sum: Float64Array;
  private readonly trees: Int32Array;
  constructor(private readonly n: number, private readonly k: number) {
    this.sum = new Float64Array(n * k);
    this.trees = new Int32Array(n);
  }

  add(t: GrownTree, data: BinnedData, counts: Float64Array, values: Float64Array): void {
    const k = this.k;
    for (let i = 0; i < this.n; i++) {
      if (counts[i] > 0) continue;
      const leaf = binnedLeaf(t, data, i);
      for (let c = 0; c < k; c++) this.sum[i * k + c] += values[leaf * k + c];
      this.trees[i]++;
    }
  }

  /** Accuracy of the averaged votes, or R² for regression, over rows left out at least once. */
  score(y: Float64Array, task: Task): number {
    const k = this.k;
    let right = 0;
    let rows = 0;
    let mean = 0;
    for (let i = 0; i < this.n; i++) if (this.trees[i] > 0) (mean += y[i], rows++);
    mean /= Math.max(1, rows);
    let ssr = 0;
    let sst = 0;
    for (let i = 0; i < this.n; i++) {
      if (this.trees[i] === 0) continue;
      if (task === 'regression') {
        ssr += (y[i] - this.sum[i] / this.trees[i]) ** 2;
        sst += (y[i] - mean) ** 2;
        continue;
      }
      let best = 0;
      if (k === 1) best = this.sum[i] / this.trees[i] > 0.5 ? 1 : 0;
      else for (let c = 1; c < k; c++) if (this.sum[i * k + c] > this.sum[i * k + best]) best = c;
      if (best === y[i]) right++;
    }
    if (rows === 0) return NaN;
    return task === 'regression' ? 1 - ssr / sst : right / rows;
  }
}
