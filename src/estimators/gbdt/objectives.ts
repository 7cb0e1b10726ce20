import { binaryGradients, softmaxGradients, softmaxRows } from './gradient-kernels.js';

export { softmaxRows };

/**
 * Loss functions of gradient boosting. Scores are row-major, n × outputs.
 * Targets are numbers for regression and class indices (as numbers) for
 * classification; `w` is the sample weight (null: all 1).
 */
export interface Objective {
  readonly name: ObjectiveName;
  /** Scores per row: the class count for multiclass, else 1. */
  readonly outputs: number;
  /** The constant score boosting starts from, per output. */
  init(y: Float64Array, w: Float64Array | null): Float64Array;
  /** Called once per iteration, before the gradients of each output. */
  prepare(scores: Float64Array, n: number): void;
  /** Gradients and hessians of output k (weights applied) into g and h. */
  gradients(k: number, scores: Float64Array, y: Float64Array, w: Float64Array | null, g: Float64Array, h: Float64Array): void;
  /** Mean (weighted) loss. */
  loss(scores: Float64Array, y: Float64Array, w: Float64Array | null): number;
  /** Absolute error only: the leaf value is the weighted median residual of its rows, not a Newton step. */
  readonly renewsLeaves: boolean;
}

/** The objective names of the `objective` parameter. */
export const OBJECTIVES = ['l2', 'l1', 'huber', 'binary', 'multiclass'] as const;
export type ObjectiveName = (typeof OBJECTIVES)[number];

const wt = (w: Float64Array | null, i: number) => (w ? w[i] : 1);

function weightedMean(y: Float64Array, w: Float64Array | null): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < y.length; i++) {
    s += wt(w, i) * y[i];
    sw += wt(w, i);
  }
  return sw > 0 ? s / sw : 0;
}

/** Weighted median of values[rows[s..e)] (all rows when `rows` is null). */
export function weightedMedian(values: Float64Array, w: Float64Array | null, rows: Int32Array | null = null, s = 0, e = values.length): number {
  const m = e - s;
  if (m <= 0) return 0;
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = rows ? rows[s + i] : s + i;
  order.sort((a, b) => values[a] - values[b] || a - b);
  let total = 0;
  for (let i = 0; i < m; i++) total += wt(w, order[i]);
  let acc = 0;
  for (let i = 0; i < m; i++) {
    acc += wt(w, order[i]);
    if (acc >= total / 2) return values[order[i]];
  }
  return values[order[m - 1]];
}

function regression(name: 'l2' | 'l1' | 'huber', y: Float64Array, w: Float64Array | null): Objective {
  // Huber's delta: the 90% quantile of |y - median| at the start, fixed so validation losses stay comparable.
  let delta = Infinity;
  if (name === 'huber') {
    const med = weightedMedian(y, w);
    const dev = Float64Array.from(y, (v) => Math.abs(v - med)).sort();
    delta = Math.max(dev[Math.min(dev.length - 1, Math.floor(0.9 * dev.length))], 1e-12);
  }
  return {
    name,
    outputs: 1,
    renewsLeaves: name === 'l1',
    init: (yy, ww) => Float64Array.of(name === 'l2' ? weightedMean(yy, ww) : weightedMedian(yy, ww)),
    prepare: () => {},
    gradients(_k, scores, yy, ww, g, h) {
      for (let i = 0; i < yy.length; i++) {
        const r = scores[i] - yy[i];
        const d = name === 'l2' ? r : name === 'l1' ? Math.sign(r) : Math.max(-delta, Math.min(delta, r));
        g[i] = wt(ww, i) * d;
        h[i] = wt(ww, i);
      }
    },
    loss(scores, yy, ww) {
      let s = 0;
      let sw = 0;
      for (let i = 0; i < yy.length; i++) {
        const r = Math.abs(scores[i] - yy[i]);
        const l = name === 'l2' ? r * r : name === 'l1' ? r : r <= delta ? 0.5 * r * r : delta * (r - 0.5 * delta);
        s += wt(ww, i) * l;
        sw += wt(ww, i);
      }
      return s / sw;
    },
  };
}

function binary(): Objective {
  return {
    name: 'binary',
    outputs: 1,
    renewsLeaves: false,
    init(y, w) {
      const p = Math.min(1 - 1e-15, Math.max(1e-15, weightedMean(y, w)));
      return Float64Array.of(Math.log(p / (1 - p)));
    },
    prepare: () => {},
    gradients(_k, scores, y, w, g, h) {
      binaryGradients(scores, y, w ?? new Float64Array(0), g, h, 0, y.length);
    },
    loss(scores, y, w) {
      let s = 0;
      let sw = 0;
      for (let i = 0; i < y.length; i++) {
        // log(1 + e^-z) for the true class, computed without overflow.
        const z = y[i] === 1 ? scores[i] : -scores[i];
        s += wt(w, i) * (z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z)));
        sw += wt(w, i);
      }
      return s / sw;
    },
  };
}

function multiclass(k: number): Objective {
  let prob = new Float64Array(0);
  return {
    name: 'multiclass',
    outputs: k,
    renewsLeaves: false,
    init(y, w) {
      const prior = new Float64Array(k);
      let sw = 0;
      for (let i = 0; i < y.length; i++) {
        prior[y[i]] += wt(w, i);
        sw += wt(w, i);
      }
      return prior.map((c) => Math.log(Math.max(c / sw, 1e-15)));
    },
    prepare(scores) {
      if (prob.length !== scores.length) prob = new Float64Array(scores.length);
      softmaxRows(scores, prob, k);
    },
    gradients(c, _scores, y, w, g, h) {
      softmaxGradients(prob, y, w ?? new Float64Array(0), g, h, c, k, 0, y.length);
    },
    loss(scores, y, w) {
      const p = new Float64Array(scores.length);
      softmaxRows(scores, p, k);
      let s = 0;
      let sw = 0;
      for (let i = 0; i < y.length; i++) {
        s -= wt(w, i) * Math.log(Math.max(p[i * k + y[i]], 1e-15));
        sw += wt(w, i);
      }
      return s / sw;
    },
  };
}

/** The objective for a name; `y` fixes Huber's delta, `classes` the softmax width. */
export function makeObjective(name: ObjectiveName, y: Float64Array, w: Float64Array | null, classes: number): Objective {
  if (name === 'binary') return binary();
  if (name === 'multiclass') return multiclass(classes);
  return regression(name, y, w);
}
