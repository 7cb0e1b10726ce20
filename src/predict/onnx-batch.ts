import { Frame } from '../core/index.js';
import type { OnnxInputColumn } from '../registry/onnx/index.js';
import type { Home } from '../store/index.js';
import type { OutputLayout } from './batch/index.js';
import { readOnnxArtifact } from './onnx-load.js';
import { OnnxPredictor } from './onnx-predictor.js';
import { type OnnxChunk, type OnnxChunkScores, OnnxWorkerScorer } from './onnx-scorer.js';
import type { ResolvedModel } from './resolve-model.js';

/** A scorer of chunks, as batch prediction drives it. */
export interface OnnxBatchScorer {
  score(chunk: OnnxChunk): Promise<OnnxChunkScores>;
  close(): Promise<void>;
}

/** An ONNX version as batch prediction needs it: its columns, its outputs, and scorers. */
export interface OnnxBatchModel {
  inputs: OnnxInputColumn[];
  layout: OutputLayout;
  /** `threads` 0: score on this thread; otherwise on one worker thread running onnxruntime with that many threads. */
  scorer(threads: number): Promise<OnnxBatchScorer>;
}

/**
 * Opens a registered ONNX version for `lathe predict`: verifies its file,
 * reads its signature, and starts scorers on demand.
 */
export async function onnxBatchModel(home: Home, resolved: ResolvedModel): Promise<OnnxBatchModel> {
  const a = await readOnnxArtifact(home, resolved);
  const s = a.signature;
  const classifier = s.task === 'binary' || s.task === 'multiclass';
  const layout: OutputLayout =
    s.task === 'clustering' ? { task: 'clustering', classes: [], proba: false } : classifier ? { task: 'classifier', classes: s.classes ?? [], proba: s.onnx.probabilities !== null } : { task: 'regression', classes: [], proba: false };
  return {
    inputs: s.inputs,
    layout,
    async scorer(threads) {
      if (threads > 0) return OnnxWorkerScorer.start(a.bytes, s, { threads });
      const p = await OnnxPredictor.load(a.bytes, s);
      return {
        async score(chunk) {
          const r = await p.predict(Frame.of(chunk.columns, chunk.rows));
          return { prediction: r.prediction, proba: r.proba, unseen: {} };
        },
        close: () => p.close(),
      };
    },
  };
}
