/**
 * The thread of {@link OnnxWorkerScorer}: holds one OnnxPredictor (an
 * onnxruntime session, itself multi-threaded) and scores each chunk it is
 * sent, so onnxruntime's blocking `run` never stalls the thread that reads
 * input. Model bytes are data: onnxruntime loads its operators, nothing else runs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Frame, type Column } from '../core/index.js';
import { toLatheError } from '../errors.js';
import type { OnnxSignature } from '../registry/onnx/index.js';
import { OnnxPredictor } from './onnx-predictor.js';

const port = parentPort!;
const { bytes, signature, threads, chunkRows } = workerData as { bytes: Uint8Array; signature: OnnxSignature; threads?: number; chunkRows?: number };

let ready: Promise<OnnxPredictor> | null = null;
try {
  ready = OnnxPredictor.load(bytes, signature, { threads, chunkRows });
  ready.then(
    () => port.postMessage({ type: 'ready' }),
    (e) => port.postMessage({ type: 'error', error: toLatheError(e).toJSON() }),
  );
} catch (e) {
  port.postMessage({ type: 'error', error: toLatheError(e).toJSON() });
}

port.on('message', async (msg: { id: number; rows: number; columns: Column[] }) => {
  try {
    const p = await ready!;
    const s = await p.predict(Frame.of(msg.columns, msg.rows));
    const transfer = [s.prediction.buffer, ...(s.proba ? [s.proba.buffer] : [])] as ArrayBuffer[];
    port.postMessage({ type: 'scores', id: msg.id, scores: { prediction: s.prediction, proba: s.proba, unseen: {} } }, transfer);
  } catch (e) {
    port.postMessage({ type: 'error', id: msg.id, error: toLatheError(e).toJSON() });
  }
});
