import { type Progress, span } from '../../core/index.js';
import type { ChunkReader } from './chunk-reader.js';
import type { ScoreSpill } from './score-spill.js';
import type { ChunkScores, Scorer } from './score-frame.js';

interface InFlight {
  rowIds: Float64Array;
  scores: Promise<ChunkScores>;
}

/**
 * Reads chunk after chunk, hands each to the scorer, and appends the scores
 * in input order. At most `depth` chunks are in flight (read, queued or
 * being scored), so memory stays bounded by a few chunks whatever the
 * input's size, while the next chunk is read as the workers score.
 * Returns unseen-category counts summed over all chunks.
 */
export async function scoreAll(reader: ChunkReader, scorer: Scorer, spill: ScoreSpill, depth: number, progress: Progress): Promise<Record<string, number>> {
  // Keyed by column names: a null prototype, so a column named "constructor" counts from 0.
  const unseen: Record<string, number> = Object.create(null);
  const inFlight: InFlight[] = [];
  let finished = 0;
  const drain = async () => {
    const head = inFlight.shift()!;
    const s = await span('predict.wait', () => head.scores);
    spill.append(head.rowIds, s);
    for (const [col, n] of Object.entries(s.unseen)) unseen[col] = (unseen[col] ?? 0) + n;
    finished++;
    progress.update({ rows: spill.rows, fraction: finished / reader.chunks });
  };
  try {
    for (let k = 0; k < reader.chunks; k++) {
      const { rowIds, frame } = await span('predict.read', () => reader.read(k));
      const scores = frame.rows === 0 ? Promise.resolve(empty()) : scorer.score({ rows: frame.rows, columns: [...frame.columns] });
      // Awaited in order below; until then a rejection must not count as unhandled.
      scores.catch(() => {});
      inFlight.push({ rowIds, scores });
      while (inFlight.length >= depth) await drain();
    }
    while (inFlight.length > 0) await drain();
  } finally {
    await scorer.close();
  }
  return unseen;
}

function empty(): ChunkScores {
  return { prediction: new Float64Array(0), proba: null, unseen: {} };
}
