import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Column, Frame } from '../src/core/index.js';
import { autoPipeline, type Pipeline, pipelineFromSpec, type PipelineSpec } from '../src/data/pipeline/index.js';
import { createEstimator, estimatorFactory, type ParamValue, type Task } from '../src/estimators/index.js';
import { OnnxPredictor, Predictor, type Predictions } from '../src/predict/index.js';
import { exportedSignature, exportOnnx, inspectOnnx } from '../src/registry/onnx/index.js';
import type { ModelDocument } from '../src/train/index.js';

/** A fitted model as a package document (what `lathe train` stores), and its native predictor. */
export interface Fitted {
  doc: ModelDocument;
  predictor: Predictor;
}

/** Fits the auto pipeline (or `spec`) and an estimator, as `lathe train` does, and builds its document. */
export async function fit(frame: Frame, target: string | null, task: Task, algo: string, params: Record<string, ParamValue>, spec?: PipelineSpec): Promise<Fitted> {
  const schema = frame.schema();
  const pipeline: Pipeline = spec
    ? pipelineFromSpec({ ...spec, ...(target ? { target } : {}) })
    : autoPipeline(schema, { target: target ?? undefined, nativeCategorical: estimatorFactory(algo).nativeCategorical });
  const y = target ? frame.column(target) : undefined;
  const X = pipeline.fitTransform(frame, y);
  const est = createEstimator(algo, task, { seed: 3, ...params });
  await est.fit(X, y ?? null);
  const predictor = new Predictor(pipeline, est, task);
  const pj = pipeline.toJSON();
  const classes = est.classes();
  const doc: ModelDocument = {
    format: 1,
    task,
    created: new Date(0).toISOString(),
    lathe_version: 'test',
    signature: { inputs: pj.inputs, outputs: [] },
    pipeline: pj,
    estimator: est.toJSON(),
    classes,
    target,
    metrics: {},
    lineage: { dataset: null, run_id: null },
    reference: null,
  };
  return { doc, predictor };
}

/**
 * The frame with holes: every 7th value of each numeric column missing,
 * every 11th label missing and every 5th a label training never saw, so
 * missing directions, imputers and unseen-category paths all run.
 */
export function withHoles(frame: Frame, skip: readonly string[] = []): Frame {
  const cols = frame.columns.map((c): Column => {
    if (skip.includes(c.name)) return c;
    if ('values' in c) return { ...c, values: c.values.map((v, i) => (i % 7 === 3 ? NaN : v)) };
    const unseen = c.dictionary.length;
    return { ...c, dictionary: [...c.dictionary, 'zz-never-seen'], codes: c.codes.map((v, i) => (i % 11 === 4 ? -1 : i % 5 === 2 ? unseen : v)) };
  });
  return Frame.of(cols, frame.rows);
}

/** Largest differences between the native and the ONNX answers on a frame. */
export interface Agreement {
  native: Predictions;
  onnx: Predictions;
  /** Max |native − onnx| over predicted values (regression) or cluster ids. */
  values: number;
  /** Max |native − onnx| over every probability. */
  proba: number;
  /** Rows whose predicted class or cluster differs. */
  labels: number;
}

/** Exports `f` to ONNX in `dir`, imports it back through the registry's check, and scores `frame` both ways. */
export async function roundTrip(f: Fitted, frame: Frame, dir: string, name: string): Promise<Agreement> {
  const bytes = exportOnnx(f.doc);
  const file = join(dir, `${name}.onnx`);
  writeFileSync(file, bytes);
  const sig = await inspectOnnx(file, exportedSignature(f.doc));
  const onnx = await OnnxPredictor.load(bytes, sig, { chunkRows: 97 });
  try {
    const native = f.predictor.predict(frame);
    const got = await onnx.predict(frame);
    let values = 0;
    let labels = 0;
    let proba = 0;
    const classed = f.doc.task !== 'regression';
    for (let i = 0; i < frame.rows; i++) {
      if (classed) labels += native.prediction[i] === got.prediction[i] ? 0 : 1;
      else values = Math.max(values, diff(native.prediction[i], got.prediction[i]));
    }
    if (native.proba) for (let i = 0; i < native.proba.length; i++) proba = Math.max(proba, diff(native.proba[i], got.proba![i]));
    return { native, onnx: got, values, proba, labels };
  } finally {
    await onnx.close();
  }
}

function diff(a: number, b: number): number {
  if (Number.isNaN(a) && Number.isNaN(b)) return 0;
  return Number.isNaN(a) || Number.isNaN(b) ? Infinity : Math.abs(a - b);
}
