import { Frame, type Column } from '../../core/index.js';
import { BufferPool } from '../../data/pipeline/index.js';
import type { Predictor } from '../predictor.js';

/** What scoring one chunk gives back: typed arrays only, so they can move between threads. */
export interface ChunkScores {
  /** Regression values, class indices or cluster indices. */
  prediction: Float64Array;
  /** n × classes, row-major; null when the model gives no probabilities. */
  proba: Float64Array | null;
  /** Rows per input column whose category was not seen at training. */
  unseen: Record<string, number>;
}

/** A chunk of columns as they travel to a worker (a Frame's columns are plain objects). */
export interface WireChunk {
  rows: number;
  columns: Column[];
}

/**
 * Scores a frame exactly as {@link Predictor.predict} does, but transforms
 * through `pool`, so the pipeline's output buffers are reused from chunk to
 * chunk instead of being allocated (and page-faulted) anew each time.
 */
export function scoreFrame(predictor: Predictor, frame: Frame, pool: BufferPool): ChunkScores {
  const features = predictor.pipeline.transform(frame, { pool });
  const unseen = predictor.pipeline.lastStats().unseen;
  const est = predictor.estimator;
  const classifier = predictor.task === 'binary' || predictor.task === 'multiclass';
  if (!(classifier && est.predictProba)) return { prediction: est.predict(features), proba: null, unseen };
  // The same argmax as Predictor.predict, so batch and online predictions agree to the bit.
  const proba = est.predictProba(features);
  const k = (est.classes() ?? []).length;
  const prediction = new Float64Array(features.rows);
  for (let i = 0; i < features.rows; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (proba[i * k + c] > proba[i * k + best]) best = c;
    prediction[i] = best;
  }
  return { prediction, proba, unseen };
}

/** Scores chunks, on this thread or on others; results come back in submission order per call. */
export interface Scorer {
  score(chunk: WireChunk): Promise<ChunkScores>;
  close(): Promise<void>;
}

/** Scores on the calling thread: for one core, or inputs of a single chunk. */
export class InlineScorer implements Scorer {
  private readonly pool = new BufferPool();

  constructor(private readonly predictor: Predictor) {}

  async score(chunk: WireChunk): Promise<ChunkScores> {
    return scoreFrame(this.predictor, Frame.of(chunk.columns, chunk.rows), this.pool);
  }

  async close(): Promise<void> {}
}

/** The buffers of a chunk's columns, to transfer rather than copy. */
export function transferList(chunk: WireChunk): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const c of chunk.columns) out.add(('values' in c ? c.values : c.codes).buffer as ArrayBuffer);
  return [...out];
}
