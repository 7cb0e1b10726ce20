import { binaryGradients, softmaxGradients, softmaxRows } from '../gbdt/gradient-kernels.js';
import { type WorkView, buildBlock, partitionChunk, placeChunk } from './work-view.js';

/** The operations worker threads run; each is split into numbered units. */
export const OP = {
  /** Unit j: histogram block j of a leaf. */
  BUILD: 1,
  /** Unit c: partition chunk c into scratch and count its left rows. */
  PART_SPLIT: 2,
  /** Unit c: copy chunk c's rows back to their places. */
  PART_PLACE: 3,
  /** Unit u: gradients of a range of rows. */
  GRADIENTS: 4,
  /** Unit j: add leaf j's value to the scores of its rows. */
  APPLY: 5,
  /** Leave the task loop (the fit is over). */
  RELEASE: 9,
} as const;

/** Rows per partition chunk and per gradient unit; fixed, so results never depend on the thread count. */
export const CHUNK_ROWS = 65_536;

/** Gradient kinds of {@link OP.GRADIENTS}. */
export const GRAD = { BINARY: 1, SOFTMAX: 2, SOFTMAX_CLASS: 3 } as const;

/** Boosting arrays on shared memory, for the gradient and score-update units. */
export interface BoostArrays {
  scores: Float64Array;
  y: Float64Array;
  /** Empty when unweighted. */
  w: Float64Array;
  prob: Float64Array;
  leafStart: Int32Array;
  leafEnd: Int32Array;
  leafValue: Float64Array;
}

/** Everything a unit reads or writes, the same on every thread. */
export interface TaskArrays {
  view: WorkView;
  /** The split's bin → left table. */
  goLeft: Uint8Array;
  /** Partition chunks: left counts, then left targets, then right targets (3 × max chunks). */
  chunks: Int32Array;
  maxChunks: number;
  boost: BoostArrays | null;
  /** The current tree's features, encoded for the workers (set by the pool). */
  activeArea?: Int32Array;
}

/** Runs one unit of an operation; `p` holds the task's integer parameters. */
export function runUnit(a: TaskArrays, op: number, unit: number, p: Int32Array): void {
  const v = a.view;
  switch (op) {
    case OP.BUILD:
      buildBlock(v, p[0], p[1], p[2], unit, p[3]);
      return;
    case OP.PART_SPLIT: {
      const cs = p[0] + unit * CHUNK_ROWS;
      a.chunks[unit] = partitionChunk(v, cs, Math.min(p[1], cs + CHUNK_ROWS), p[2], a.goLeft);
      return;
    }
    case OP.PART_PLACE: {
      const cs = p[0] + unit * CHUNK_ROWS;
      const m = a.maxChunks;
      placeChunk(v, cs, Math.min(p[1], cs + CHUNK_ROWS), a.chunks[unit], a.chunks[m + unit], a.chunks[2 * m + unit]);
      return;
    }
    case OP.GRADIENTS:
      gradientUnit(a.boost!, v, unit, p);
      return;
    case OP.APPLY: {
      const b = a.boost!;
      addToScores(b.scores, v.idx, b.leafStart[unit], b.leafEnd[unit], p[1], p[0], b.leafValue[unit]);
      return;
    }
    default:
      throw new Error(`tree worker: unknown operation ${op}`);
  }
}

function gradientUnit(b: BoostArrays, v: WorkView, unit: number, p: Int32Array): void {
  const s = unit * CHUNK_ROWS;
  const e = Math.min(v.n, s + CHUNK_ROWS);
  const g = v.buf.subarray(v.layout.grad, v.layout.grad + v.n);
  const h = v.buf.subarray(v.layout.hess, v.layout.hess + v.n);
  if (p[0] === GRAD.BINARY) binaryGradients(b.scores, b.y, b.w, g, h, s, e);
  else if (p[0] === GRAD.SOFTMAX) softmaxRows(b.scores, b.prob, p[2], s, e);
  else softmaxGradients(b.prob, b.y, b.w, g, h, p[1], p[2], s, e);
}

/** scores[idx[i] * out + k] += value for i in [s, e): one leaf's rows. */
function addToScores(scores: Float64Array, idx: Int32Array, s: number, e: number, out: number, k: number, value: number): void {
  for (let i = s; i < e; i++) scores[idx[i] * out + k] += value;
}
