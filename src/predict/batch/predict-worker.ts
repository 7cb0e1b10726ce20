/**
 * A scoring thread of {@link WorkerScorer}: rebuilds the Predictor from the
 * model document it is given (data only, never code), then scores each
 * chunk it receives and sends the typed arrays back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Frame } from '../../core/index.js';
import { BufferPool } from '../../data/pipeline/index.js';
import { toLatheError } from '../../errors.js';
import type { ModelDocument } from '../../train/package/index.js';
import { Predictor } from '../predictor.js';
import { scoreFrame, type WireChunk } from './score-frame.js';

const port = parentPort!;
const pool = new BufferPool();
let predictor: Predictor | null = null;

try {
  predictor = Predictor.fromDocument((workerData as { doc: ModelDocument }).doc);
  port.postMessage({ type: 'ready' });
} catch (e) {
  port.postMessage({ type: 'error', error: toLatheError(e).toJSON() });
}

port.on('message', (msg: { id: number; chunk: WireChunk }) => {
  try {
    const s = scoreFrame(predictor!, Frame.of(msg.chunk.columns, msg.chunk.rows), pool);
    // Copied, not transferred: an estimator may hand back a view of memory it keeps.
    port.postMessage({ type: 'scores', id: msg.id, scores: s });
  } catch (e) {
    port.postMessage({ type: 'error', id: msg.id, error: toLatheError(e).toJSON() });
  }
});
