import type { Frame } from '../core/index.js';
import type { Home, ModelVersionRecord } from '../store/index.js';
import { loadOnnxPredictor } from './onnx-load.js';
import type { OnnxPredictorOptions } from './onnx-predictor.js';
import type { OnnxInputColumn } from '../registry/onnx/index.js';

/** A registered ONNX version ready to answer requests; the shape of the server's ServedModel, with an async `score`. */
export interface OnnxServedModel {
  name: string;
  version: number;
  artifact: string;
  format: 'onnx';
  task: string;
  inputs: readonly OnnxInputColumn[];
  classes: readonly string[] | null;
  /**
   * Scores a frame. onnxruntime runs it synchronously on this thread once
   * the promise starts (the event loop waits for each chunk of `chunkRows`
   * rows); unseen categories are not counted, an ONNX graph does not say.
   */
  score(frame: Frame): Promise<{ prediction: Float64Array; proba: Float64Array | null; unseen: Record<string, number> }>;
  close(): Promise<void>;
}

/**
 * Loads a registered ONNX version for a server: verified bytes, recorded
 * signature, one onnxruntime session. A server whose scoring is synchronous
 * must await `score` (or move it to a worker) to serve ONNX versions.
 *
 * @example
 * ```ts
 * const m = await loadOnnxServed(home, version, { chunkRows: 4096 });
 * const { prediction } = await m.score(frame);
 * ```
 */
export async function loadOnnxServed(home: Home, v: ModelVersionRecord, opts: OnnxPredictorOptions = {}): Promise<OnnxServedModel> {
  const p = await loadOnnxPredictor(home, { sha256: v.artifact, run: null, format: 'onnx', version: v }, opts);
  return {
    name: v.model,
    version: v.version,
    artifact: v.artifact,
    format: 'onnx',
    task: p.task,
    inputs: p.signature.inputs,
    classes: p.classes(),
    score: async (frame) => {
      const r = await p.predict(frame);
      return { prediction: r.prediction, proba: r.proba, unseen: {} };
    },
    close: () => p.close(),
  };
}
