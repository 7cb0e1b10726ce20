import type { FeatureBins } from './bin-mapper.js';
import { predictPacked } from './predict-kernel.js';
import type { GrownTree } from './tree-learner.js';

/**
 * A tree ensemble as flat arrays, for prediction without allocation per row
 * and for serialisation as plain typed arrays. Node `i` of any tree is a leaf
 * when `feature[i] < 0`; its values are `value[i * width .. + width)`.
 * Otherwise a row goes left when its value is NaN and `defaultLeft[i]`, when
 * `x <= threshold[i]` (numeric), or when the bit of its category code is set
 * in `catBits[catStart[i] ..+ catWords[i])` (categorical, `catStart[i] >= 0`).
 */
export interface EnsembleArrays {
  /** Values per leaf: 1, or the class count of a forest's class distributions. */
  width: number;
  treeRoot: Int32Array;
  /** The output each tree adds to (a gbdt class), or 0. */
  treeOutput: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  defaultLeft: Uint8Array;
  catStart: Int32Array;
  catWords: Int32Array;
  catBits: Uint32Array;
  /** Split gain of internal nodes, for importance. */
  gain: Float64Array;
  value: Float64Array;
}

interface FlatTree {
  output: number;
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  defaultLeft: number[];
  cats: (Uint32Array | null)[];
  gain: number[];
  value: number[];
}

/** Collects grown trees and flattens them into {@link EnsembleArrays}. */
export class EnsembleBuilder {
  private readonly trees: FlatTree[] = [];
  private readonly width: number;
  constructor(width: number) {
    this.width = width;
  }

  get length(): number {
    return this.trees.length;
  }

  /** Adds a tree; `leafValues` holds `width` values per leaf. Bins become raw thresholds and category bitsets. */
  add(t: GrownTree, features: FeatureBins[], leafValues: Float64Array, output = 0): void {
    const ni = t.feature.length;
    const nl = t.leafStart.length;
    const ref = (c: number) => (c >= 0 ? c : ni + ~c);
    const ft: FlatTree = { output, feature: [], threshold: [], left: [], right: [], defaultLeft: [], cats: [], gain: [], value: new Array(ni * this.width).fill(0) };
    for (let i = 0; i < ni; i++) {
      const fb = features[t.feature[i]];
      ft.feature.push(t.feature[i]);
      ft.threshold.push(fb.categorical ? 0 : t.thresholdBin[i] - 1 < fb.edges.length ? fb.edges[t.thresholdBin[i] - 1] : Infinity);
      ft.left.push(ref(t.left[i]));
      ft.right.push(ref(t.right[i]));
      ft.defaultLeft.push(t.defaultLeft[i] ? 1 : 0);
      ft.cats.push(fb.categorical ? categoryBits(fb, t.goLeft[i]!) : null);
      ft.gain.push(t.gain[i]);
    }
    for (let j = 0; j < nl; j++) {
      ft.feature.push(-1);
      ft.threshold.push(0);
      ft.left.push(-1);
      ft.right.push(-1);
      ft.defaultLeft.push(0);
      ft.cats.push(null);
      ft.gain.push(0);
      for (let c = 0; c < this.width; c++) ft.value.push(leafValues[j * this.width + c]);
    }
    this.trees.push(ft);
  }

  /** Flattens trees [from, to). */
  finish(from = 0, to = this.trees.length): EnsembleArrays {
    const trees = this.trees.slice(from, to);
    const nodes = trees.reduce((s, t) => s + t.feature.length, 0);
    const words = trees.reduce((s, t) => s + t.cats.reduce((w, c) => w + (c ? c.length : 0), 0), 0);
    const a: EnsembleArrays = {
      width: this.width, treeRoot: new Int32Array(trees.length), treeOutput: new Int32Array(trees.length),
      feature: new Int32Array(nodes), threshold: new Float64Array(nodes), left: new Int32Array(nodes), right: new Int32Array(nodes),
      defaultLeft: new Uint8Array(nodes), catStart: new Int32Array(nodes).fill(-1), catWords: new Int32Array(nodes),
      catBits: new Uint32Array(words), gain: new Float64Array(nodes), value: new Float64Array(nodes * this.width),
    };
    let base = 0;
    let w = 0;
    trees.forEach((t, ti) => {
      a.treeRoot[ti] = base;
      a.treeOutput[ti] = t.output;
      for (let i = 0; i < t.feature.length; i++) {
        const g = base + i;
        a.feature[g] = t.feature[i];
        a.threshold[g] = t.threshold[i];
        a.left[g] = t.left[i] < 0 ? -1 : base + t.left[i];
        a.right[g] = t.right[i] < 0 ? -1 : base + t.right[i];
        a.defaultLeft[g] = t.defaultLeft[i];
        a.gain[g] = t.gain[i];
        const c = t.cats[i];
        if (c) {
          a.catStart[g] = w;
          a.catWords[g] = c.length;
          a.catBits.set(c, w);
          w += c.length;
        }
      }
      a.value.set(t.value, base * this.width);
      base += t.feature.length;
    });
    return a;
  }
}

/** The training codes whose bin goes left, as a bitset over the training dictionary. */
function categoryBits(fb: FeatureBins, goLeft: Uint8Array): Uint32Array {
  // One bit past the dictionary stays clear: unknown labels are coded as the dictionary's length.
  const bits = new Uint32Array(Math.floor(fb.codeToBin.length / 32) + 1);
  for (let code = 0; code < fb.codeToBin.length; code++) {
    const b = fb.codeToBin[code];
    if (b > 0 && goLeft[b] === 1) bits[code >>> 5] |= 1 << (code & 31);
  }
  return bits;
}

/**
 * Adds every tree's leaf values to `out` (n × outputs, row-major) times
 * `scale`. `cols[f]` holds feature f for every row: numbers, or training
 * category codes (NaN missing, the dictionary's length for unknown labels).
 * See {@link predictPacked} for how.
 */
export function predictEnsemble(a: EnsembleArrays, cols: Float64Array[], n: number, out: Float64Array, outputs: number, scale = 1, treeLimit = a.treeRoot.length): void {
  predictPacked(a, cols, n, out, outputs, scale, treeLimit);
}

/** Total split gain and split count per feature. */
export function ensembleImportance(a: EnsembleArrays, nFeatures: number): { gain: Float64Array; split: Float64Array } {
  const gain = new Float64Array(nFeatures);
  const split = new Float64Array(nFeatures);
  for (let i = 0; i < a.feature.length; i++) {
    const f = a.feature[i];
    if (f < 0) continue;
    gain[f] += a.gain[i];
    split[f]++;
  }
  return { gain, split };
}
