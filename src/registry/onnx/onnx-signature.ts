import { LOGICAL_TYPES, type LogicalType } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import type { Task } from '../../estimators/index.js';

/** Element types of graph inputs Lathe can feed from a Frame. */
export const FEED_TYPES = ['double', 'float', 'int64', 'int32', 'bool', 'string'] as const;
/** One of {@link FEED_TYPES}. */
export type FeedType = (typeof FEED_TYPES)[number];

/** One input column of an ONNX model, with the graph tensor it feeds. */
export interface OnnxInputColumn {
  name: string;
  type: LogicalType;
  /** A missing value is representable (NaN, or "" for strings). */
  nullable: boolean;
  /** An absent optional column is fed as all missing. */
  required: boolean;
}

/** How the graph is wired to columns and Lathe's outputs. */
export interface OnnxWiring {
  /** `columns`: one graph input per column; `matrix`: one [N, F] input fed with the columns in order. */
  layout: 'columns' | 'matrix';
  /** The graph inputs: per column (same order as `inputs`) or the one matrix input. */
  feeds: { name: string; elem: FeedType; rank: number }[];
  /** The graph output with the value, class label or cluster id; null when only probabilities come out. */
  prediction: string | null;
  /** The graph output with class probabilities [N, classes], or null. */
  probabilities: string | null;
}

/**
 * The signature recorded with an ONNX version: what `predict`, `evaluate`
 * and serving need to score it. `outputs` are Lathe's output columns
 * (`prediction`, `proba_<class>`, or `cluster`), as for Lathe packages.
 */
export interface OnnxSignature {
  task: Task;
  target: string | null;
  inputs: OnnxInputColumn[];
  outputs: { name: string; type: string }[];
  classes: string[] | null;
  onnx: OnnxWiring;
}

/** The output columns Lathe writes for a task and classes. */
export function latheOutputs(task: Task, classes: string[] | null): { name: string; type: string }[] {
  if (task === 'clustering') return [{ name: 'cluster', type: 'integer' }];
  if (task === 'regression') return [{ name: 'prediction', type: 'numeric' }];
  return [{ name: 'prediction', type: 'categorical' }, ...(classes ?? []).map((c) => ({ name: `proba_${c}`, type: 'numeric' }))];
}

/**
 * Reads a stored ONNX signature back (it comes from the metadata store, so
 * its shape is checked rather than trusted).
 */
export function readOnnxSignature(value: unknown, label: string): OnnxSignature {
  const bad = (what: string) =>
    new LatheError('INTEGRITY', `the signature recorded for ${label} is malformed: ${what}`, { hint: 'register the ONNX file again with --signature' });
  if (value === null || typeof value !== 'object') throw bad('not an object');
  const s = value as Partial<OnnxSignature>;
  if (!s.onnx || typeof s.onnx !== 'object' || !Array.isArray(s.onnx.feeds)) throw bad('no "onnx" wiring (registered before ONNX inspection existed?)');
  if (!Array.isArray(s.inputs) || s.inputs.some((i) => typeof i?.name !== 'string' || !(LOGICAL_TYPES as readonly string[]).includes(i.type))) throw bad('"inputs"');
  if (s.task !== 'regression' && s.task !== 'binary' && s.task !== 'multiclass' && s.task !== 'clustering') throw bad('"task"');
  if (s.classes !== null && !(Array.isArray(s.classes) && s.classes.every((c) => typeof c === 'string'))) throw bad('"classes"');
  const w = s.onnx;
  if (w.layout !== 'columns' && w.layout !== 'matrix') throw bad('"onnx.layout"');
  if (w.feeds.some((f) => typeof f?.name !== 'string' || !(FEED_TYPES as readonly string[]).includes(f.elem))) throw bad('"onnx.feeds"');
  if (w.layout === 'columns' && w.feeds.length !== s.inputs.length) throw bad('one feed per input is needed');
  return s as OnnxSignature;
}
