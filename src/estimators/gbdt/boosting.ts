import type { Frame } from '../../core/index.js';
import type { FitOptions } from '../estimator.js';
import { binFrame, fitBins } from '../tree/bin-mapper.js';
import { type EnsembleArrays, predictEnsemble } from '../tree/ensemble.js';
import { encodeColumns, type FeatureSpec, featureSpecs } from '../tree/feature-columns.js';
import { openExecutor } from '../tree/executor.js';
import { TreeLearner } from '../tree/tree-learner.js';
import { TreeWorkspace } from '../tree/tree-workspace.js';
import { BoostRun } from './boost-run.js';
import type { Objective } from './objectives.js';

/** Resolved hyper-parameters of a boosting run. */
export interface BoostConfig {
  iterations: number;
  learningRate: number;
  numLeaves: number;
  maxDepth: number;
  minDataInLeaf: number;
  minSumHessian: number;
  lambdaL2: number;
  minGainToSplit: number;
  maxBins: number;
  subsample: number;
  colsample: number;
  /** 0: no early stopping. */
  nIterNoChange: number;
  seed: number;
}

/** Held-out rows for early stopping. */
export interface BoostValidation {
  frame: Frame;
  y: Float64Array;
  w: Float64Array | null;
}

/** What boosting learns. */
export interface BoostModel {
  init: Float64Array;
  trees: EnsembleArrays;
  features: FeatureSpec[];
  /** Boosting rounds kept (the best one's when early stopping). */
  rounds: number;
}

/** LightGBM's categorical regularisation defaults, scaled down a little for small data. */
const CATEGORICAL = { catSmooth: 10, catL2: 10, maxCatThreshold: 32, maxCatToOnehot: 0, minDataPerGroup: 10 };
/** An improvement smaller than this (relative) does not reset the early-stopping count, as in scikit-learn. */
const TOL = 1e-7;

/**
 * Gradient boosting: each round computes the objective's gradients at the
 * current scores and grows one tree per output on them, leaf-wise on the
 * binned features; leaf values are Newton steps (or weighted medians for
 * absolute error) shrunk by the learning rate.
 */
export async function boost(
  frame: Frame, y: Float64Array, w: Float64Array | null, obj: Objective, cfg: BoostConfig,
  valid: BoostValidation | null, opts: FitOptions = {},
): Promise<BoostModel> {
  const bins = fitBins(frame, cfg.maxBins, cfg.seed);
  const features = featureSpecs(bins);
  const exec = await openExecutor(frame.rows);
  try {
    const data = binFrame(frame, bins, exec.shared);
    const ws = new TreeWorkspace(data, 1, cfg.numLeaves + 1, exec.shared);
    const learner = new TreeLearner(ws, exec.executor, { ...CATEGORICAL, ...cfg, featuresPerSplit: 0 });
    const run = new BoostRun(ws, exec, learner, y, w, obj, cfg);
    const validCols = valid ? encodeColumns('gbdt', valid.frame, features) : null;
    const stopper = new EarlyStopping(cfg.nIterNoChange, run.init, valid, obj);
    for (let it = 0; it < cfg.iterations; it++) {
      if (opts.signal?.aborted) break;
      const from = run.builder.length;
      run.round();
      if (validCols && valid) stopper.add(run.builder.finish(from), validCols, valid.frame.rows);
      opts.onIteration?.({ iteration: it + 1, total: cfg.iterations, trainLoss: obj.loss(run.scores, y, w), validLoss: stopper.last });
      if (stopper.shouldStop(it)) break;
    }
    const rounds = stopper.enabled ? stopper.bestRound + 1 : run.builder.length / obj.outputs;
    return { init: run.init, trees: run.builder.finish(0, rounds * obj.outputs), features, rounds };
  } finally {
    exec.close();
  }
}

/** Tracks the validation loss and says when it stopped improving. */
class EarlyStopping {
  readonly enabled: boolean;
  bestRound = -1;
  last: number | undefined;
  private best = Infinity;
  private readonly scores: Float64Array | null;
  private readonly k: number;

  constructor(private readonly patience: number, init: Float64Array, private readonly valid: BoostValidation | null, private readonly obj: Objective) {
    this.enabled = patience > 0 && valid !== null;
    this.k = init.length;
    this.scores = valid ? new Float64Array(valid.frame.rows * this.k) : null;
    if (this.scores) for (let i = 0; i < this.scores.length; i++) this.scores[i] = init[i % this.k];
  }

  /** Adds one round's trees to the validation scores. */
  add(trees: EnsembleArrays, cols: Float64Array[], n: number): void {
    predictEnsemble(trees, cols, n, this.scores!, this.k);
    this.last = this.obj.loss(this.scores!, this.valid!.y, this.valid!.w);
  }

  shouldStop(round: number): boolean {
    if (!this.enabled || this.last === undefined) return false;
    if (this.bestRound < 0 || this.last < this.best - TOL * Math.abs(this.best)) {
      this.best = this.last;
      this.bestRound = round;
      return false;
    }
    return round - this.bestRound >= this.patience;
  }
}
