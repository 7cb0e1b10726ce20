import { Rng } from '../../core/index.js';
import { allocBytes } from '../tree/bin-mapper.js';
import { EnsembleBuilder } from '../tree/ensemble.js';
import type { OpenExecutor } from '../tree/executor.js';
import { type GrownTree, TreeLearner, binnedLeaf } from '../tree/tree-learner.js';
import type { TreeWorkspace } from '../tree/tree-workspace.js';
import { type BoostArrays, CHUNK_ROWS, GRAD, OP } from '../tree/work-ops.js';
import type { BoostConfig } from './boosting.js';
import { type Objective, weightedMedian } from './objectives.js';

/** A Float64Array copy on shared memory when the executor has threads. */
function sharedCopy(src: Float64Array, shared: boolean): Float64Array {
  const out = new Float64Array(allocBytes(8 * src.length, shared));
  out.set(src);
  return out;
}

/**
 * The state of one boosting run: scores, samplers and the trees so far. The
 * log-loss gradients and the score updates run as executor operations, so
 * the worker threads share them.
 */
export class BoostRun {
  readonly builder = new EnsembleBuilder(1);
  readonly scores: Float64Array;
  readonly init: Float64Array;
  private readonly arrays: BoostArrays;
  private readonly rng: Rng;
  private readonly inBag: Uint8Array;
  private readonly residual: Float64Array | null;

  constructor(
    private readonly ws: TreeWorkspace, private readonly exec: OpenExecutor, private readonly learner: TreeLearner,
    private readonly y: Float64Array, private readonly w: Float64Array | null, private readonly obj: Objective,
    private readonly cfg: BoostConfig,
  ) {
    const n = ws.n;
    const k = obj.outputs;
    this.init = obj.init(y, w);
    this.scores = new Float64Array(allocBytes(8 * n * k, exec.shared));
    for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) this.scores[i * k + c] = this.init[c];
    const leaves = cfg.numLeaves;
    this.arrays = {
      scores: this.scores, y: sharedCopy(y, exec.shared), w: w ? sharedCopy(w, exec.shared) : new Float64Array(0),
      prob: new Float64Array(allocBytes(k > 1 ? 8 * n * k : 0, exec.shared)),
      leafStart: new Int32Array(allocBytes(4 * leaves, exec.shared)), leafEnd: new Int32Array(allocBytes(4 * leaves, exec.shared)),
      leafValue: new Float64Array(allocBytes(8 * leaves, exec.shared)),
    };
    exec.bind(ws, this.arrays);
    this.rng = new Rng(cfg.seed);
    this.inBag = new Uint8Array(n);
    this.residual = obj.renewsLeaves ? new Float64Array(n) : null;
  }

  /** One boosting round: one tree per output, all on the gradients at the round's starting scores. */
  round(): void {
    const { ws, obj } = this;
    const units = Math.ceil(ws.n / CHUNK_ROWS);
    if (obj.name === 'multiclass') this.exec.run(OP.GRADIENTS, units, [GRAD.SOFTMAX, 0, obj.outputs]);
    const m = this.sampleRows();
    for (let k = 0; k < obj.outputs; k++) {
      if (obj.name === 'binary') this.exec.run(OP.GRADIENTS, units, [GRAD.BINARY, 0, 1]);
      else if (obj.name === 'multiclass') this.exec.run(OP.GRADIENTS, units, [GRAD.SOFTMAX_CLASS, k, obj.outputs]);
      else obj.gradients(k, this.scores, this.y, this.w, ws.grad, ws.hess);
      // Partitioning permutes idx, so every tree starts from a fresh row list.
      if (m < ws.n) this.fillBag();
      else ws.setRows(null);
      const tree = this.learner.grow(m, this.sampleFeatures());
      const values = this.leafValues(tree);
      this.builder.add(tree, ws.data.features, values, k);
      this.applyTree(tree, values, k, m);
    }
  }

  /** Bernoulli row sampling: marks in-bag rows; returns how many. */
  private sampleRows(): number {
    const { ws, cfg } = this;
    if (cfg.subsample >= 1) return ws.n;
    let m = 0;
    for (let i = 0; i < ws.n; i++) {
      const inb = this.rng.next() < cfg.subsample ? 1 : 0;
      this.inBag[i] = inb;
      m += inb;
    }
    if (m === 0) {
      this.inBag[this.rng.int(ws.n)] = 1;
      m = 1;
    }
    return m;
  }

  /** Puts the in-bag rows, ascending, at the front of idx (every tree of a round shares the sample). */
  private fillBag(): void {
    let j = 0;
    for (let i = 0; i < this.ws.n; i++) if (this.inBag[i] === 1) this.ws.idx[j++] = i;
  }

  /** The features of one tree: a seeded draw of round(colsample × F), ascending. */
  private sampleFeatures(): Int32Array {
    const nf = this.ws.data.features.length;
    const all = Int32Array.from({ length: nf }, (_, i) => i);
    if (this.cfg.colsample >= 1) return all;
    const k = Math.max(1, Math.round(this.cfg.colsample * nf));
    return this.rng.shuffle(all).slice(0, k).sort();
  }

  /** Newton step -G / (H + λ) per leaf, or the weighted median residual for absolute error; times the learning rate. */
  private leafValues(t: GrownTree): Float64Array {
    const { cfg, ws } = this;
    const v = new Float64Array(t.leafStart.length);
    for (let j = 0; j < v.length; j++) {
      const s = t.leafSums[j];
      v[j] = (-s.g[0] / (s.h + cfg.lambdaL2)) * cfg.learningRate;
    }
    if (this.residual) {
      for (let i = 0; i < ws.n; i++) this.residual[i] = this.y[i] - this.scores[i];
      for (let j = 0; j < v.length; j++) v[j] = cfg.learningRate * weightedMedian(this.residual, this.w, ws.idx, t.leafStart[j], t.leafEnd[j]);
    }
    return v;
  }

  /** Adds the tree to the training scores: by leaf ranges for sampled rows, by traversal for the rest. */
  private applyTree(t: GrownTree, v: Float64Array, k: number, m: number): void {
    const { ws, scores, arrays: a } = this;
    const out = this.obj.outputs;
    a.leafStart.set(t.leafStart);
    a.leafEnd.set(t.leafEnd);
    a.leafValue.set(v);
    this.exec.run(OP.APPLY, v.length, [k, out]);
    if (m === ws.n) return;
    for (let i = 0; i < ws.n; i++) {
      if (this.inBag[i] === 0) scores[i * out + k] += v[binnedLeaf(t, ws.data, i)];
    }
  }
}
