import type { EnsembleArrays } from './estimator-state.js';
import { attr, doubleTensor, type GraphBuilder } from './graph-builder.js';

const BRANCH_LEQ = 0;
const BRANCH_LT = 1;
const BRANCH_MEMBER = 6;
const AGGREGATE_SUM = 1;

/** The ai.onnx.ml `TreeEnsemble` (opset 5) attribute arrays being built. */
interface Encoded {
  roots: number[];
  feature: number[];
  mode: number[];
  split: number[];
  trueId: number[];
  trueLeaf: number[];
  falseId: number[];
  falseLeaf: number[];
  missingTrue: number[];
  members: number[];
  leafTarget: number[];
  leafWeight: number[];
}

/** How an ensemble's trees map to outputs. */
export interface TreeTargets {
  /** Outputs of the node (the class count of a softmax gbdt or forest, else 1). */
  targets: number;
  /** Each leaf value is multiplied by this (a forest's 1/trees), exactly as Lathe scales it. */
  scale: number;
}

/**
 * Emits one ai.onnx.ml `TreeEnsemble` node (opset 5) computing Lathe's raw
 * ensemble sum on `x` (double [N, F], features in the estimator's order):
 * double thresholds and leaf values, `x ≤ threshold` goes to the true (left)
 * child, a missing value follows the learned default direction
 * (`nodes_missing_value_tracks_true`), and a categorical split is a set
 * membership test over the training category codes whose bit is set.
 * Trees with class-distribution leaves (a multiclass forest) are emitted
 * once per class.
 */
export function treeEnsemble(g: GraphBuilder, x: string, a: EnsembleArrays, t: TreeTargets): string {
  const e: Encoded = { roots: [], feature: [], mode: [], split: [], trueId: [], trueLeaf: [], falseId: [], falseLeaf: [], missingTrue: [], members: [], leafTarget: [], leafWeight: [] };
  const trees = a.treeRoot.length;
  for (let tree = 0; tree < trees; tree++) {
    const copies = a.width > 1 ? a.width : 1;
    for (let c = 0; c < copies; c++) {
      const target = a.width > 1 ? c : a.treeOutput[tree];
      encodeTree(e, a, a.treeRoot[tree], target, a.width > 1 ? c : 0, t.scale);
    }
  }
  g.requireOpset('ai.onnx.ml', 5);
  return g.ml('TreeEnsemble', [x], [
    attr.ints('tree_roots', e.roots),
    attr.ints('nodes_featureids', e.feature),
    attr.tensor('nodes_modes', { dims: [e.mode.length], dataType: 2, rawData: Uint8Array.from(e.mode) }),
    attr.tensor('nodes_splits', doubleTensor(e.split)),
    attr.ints('nodes_truenodeids', e.trueId),
    attr.ints('nodes_trueleafs', e.trueLeaf),
    attr.ints('nodes_falsenodeids', e.falseId),
    attr.ints('nodes_falseleafs', e.falseLeaf),
    attr.ints('nodes_missing_value_tracks_true', e.missingTrue),
    ...(e.members.length > 0 ? [attr.tensor('membership_values', doubleTensor(e.members))] : []),
    attr.ints('leaf_targetids', e.leafTarget),
    attr.tensor('leaf_weights', doubleTensor(e.leafWeight)),
    attr.int('n_targets', t.targets),
    attr.int('aggregate_function', AGGREGATE_SUM),
    attr.int('post_transform', 0),
  ]);
}

/** Appends one tree (rooted at global node `root`), its leaves carrying value column `col` to output `target`. */
function encodeTree(e: Encoded, a: EnsembleArrays, root: number, target: number, col: number, scale: number): void {
  const leafOf = (node: number): number => {
    e.leafTarget.push(target);
    e.leafWeight.push(scale * a.value[node * a.width + col]);
    return e.leafTarget.length - 1;
  };
  if (a.feature[root] < 0) {
    // A single-leaf tree: one interior node whose both branches reach the leaf.
    const leaf = leafOf(root);
    e.roots.push(pushInterior(e, 0, BRANCH_LEQ, 0, 0));
    setChildren(e, e.feature.length - 1, [leaf, 1], [leaf, 1]);
    return;
  }
  const index = new Map<number, number>();
  const stack = [root];
  const order: number[] = [];
  while (stack.length > 0) {
    const n = stack.pop()!;
    index.set(n, pushNode(e, a, n));
    order.push(n);
    for (const child of [a.right[n], a.left[n]]) if (a.feature[child] >= 0) stack.push(child);
  }
  e.roots.push(index.get(root)!);
  for (const n of order) {
    const side = (child: number): [number, number] => (a.feature[child] >= 0 ? [index.get(child)!, 0] : [leafOf(child), 1]);
    setChildren(e, index.get(n)!, side(a.left[n]), side(a.right[n]));
  }
}

function pushNode(e: Encoded, a: EnsembleArrays, n: number): number {
  const missingTrue = a.defaultLeft[n] === 1 ? 1 : 0;
  if (a.catStart[n] < 0) return pushInterior(e, a.feature[n], BRANCH_LEQ, a.threshold[n], missingTrue);
  const codes: number[] = [];
  for (let w = 0; w < a.catWords[n]; w++) {
    const word = a.catBits[a.catStart[n] + w];
    for (let b = 0; b < 32; b++) if ((word >>> b) & 1) codes.push(w * 32 + b);
  }
  // No code goes left: every present value goes right, which `x < -∞` says without an empty set.
  if (codes.length === 0) return pushInterior(e, a.feature[n], BRANCH_LT, -Infinity, missingTrue);
  e.members.push(...codes, NaN);
  return pushInterior(e, a.feature[n], BRANCH_MEMBER, NaN, missingTrue);
}

function pushInterior(e: Encoded, feature: number, mode: number, split: number, missingTrue: number): number {
  e.feature.push(feature);
  e.mode.push(mode);
  e.split.push(split);
  e.missingTrue.push(missingTrue);
  e.trueId.push(0);
  e.trueLeaf.push(0);
  e.falseId.push(0);
  e.falseLeaf.push(0);
  return e.feature.length - 1;
}

function setChildren(e: Encoded, i: number, left: [number, number], right: [number, number]): void {
  [e.trueId[i], e.trueLeaf[i]] = left;
  [e.falseId[i], e.falseLeaf[i]] = right;
}
