/**
 * Seeded synthetic problems for the tree models' tests: numeric features
 * with missing values, a categorical feature, and targets with known
 * structure. Test support only.
 */
import { Frame, type Column, Rng } from '../../core/index.js';
import type { CaseData } from '../estimator.case.js';

/** A frame and target for a synthetic task. */
export interface Synthetic {
  frame: Frame;
  y: Float64Array;
}

const CATS = ['a', 'b', 'c', 'd', 'e'];

/**
 * n rows: x1, x2 uniform in [0, 1) (2% missing), x3 noise, `c` one of 5
 * categories. The signal is 2·x1 − x2 + an effect per category.
 */
export function synthetic(n: number, seed: number): Synthetic {
  const rng = new Rng(seed);
  const x1 = new Float64Array(n);
  const x2 = new Float64Array(n);
  const x3 = new Float64Array(n);
  const c = new Int32Array(n);
  const y = new Float64Array(n);
  const effect = [0, 1, -1, 0.5, 2];
  for (let i = 0; i < n; i++) {
    x1[i] = rng.next();
    x2[i] = rng.next();
    x3[i] = rng.normal();
    c[i] = rng.int(CATS.length);
    y[i] = 2 * x1[i] - x2[i] + effect[c[i]] + 0.1 * rng.normal();
    if (rng.next() < 0.02) x1[i] = NaN;
    if (rng.next() < 0.02) x2[i] = NaN;
  }
  const cols: Column[] = [
    { name: 'x1', type: 'numeric', values: x1 },
    { name: 'x2', type: 'numeric', values: x2 },
    { name: 'x3', type: 'numeric', values: x3 },
    { name: 'c', type: 'categorical', codes: c, dictionary: CATS },
  ];
  return { frame: Frame.of(cols), y };
}

/** Cuts a regression target into classes: 2 (above the median) or 3 (terciles), as a categorical column. */
export function classify(y: Float64Array, k: number): Column {
  const sorted = Float64Array.from(y).sort();
  const cuts = Array.from({ length: k - 1 }, (_, j) => sorted[Math.floor(((j + 1) * y.length) / k)]);
  const codes = Int32Array.from(y, (v) => cuts.filter((t) => v >= t).length);
  return { name: 'label', type: 'categorical', codes, dictionary: Array.from({ length: k }, (_, j) => `class${j}`) };
}

/** Shared-suite data for a task: 400 training rows, 100 test rows. */
export function caseData(task: 'regression' | 'binary' | 'multiclass', seed = 7): () => CaseData {
  return () => {
    const tr = synthetic(400, seed);
    const te = synthetic(100, seed + 1);
    const target: Column = task === 'regression' ? { name: 'y', type: 'numeric', values: tr.y } : classify(tr.y, task === 'binary' ? 2 : 3);
    return { train: tr.frame, target, test: te.frame };
  };
}

/** Fraction of equal entries. */
export function accuracy(pred: Float64Array, truth: ArrayLike<number>): number {
  let ok = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === truth[i]) ok++;
  return ok / pred.length;
}

/** Coefficient of determination. */
export function r2(pred: Float64Array, truth: Float64Array): number {
  let mean = 0;
  for (const v of truth) mean += v / truth.length;
  let ssr = 0;
  let sst = 0;
  for (let i = 0; i < truth.length; i++) {
    ssr += (truth[i] - pred[i]) ** 2;
    sst += (truth[i] - mean) ** 2;
  }
  return 1 - ssr / sst;
}
