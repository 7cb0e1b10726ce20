import type { Frame } from '../../src/core/index.js';
import { loadFrame } from '../../src/ingest/index.js';
import { Predictor, resolveModelPackage } from '../../src/predict/index.js';
import type { Home } from '../../src/store/index.js';
import { loadPackage, scoreModel } from '../../src/train/index.js';

/**
 * What `lathe evaluate --model <ref> --dataset <ref>` computes, in-process:
 * every metric of the model's task on a dataset version (or a frame).
 */
export async function evaluateModel(home: Home, model: string, data: string | Frame): Promise<Record<string, number>> {
  const { sha256 } = await resolveModelPackage(home, model);
  const doc = await loadPackage(home, sha256);
  const predictor = Predictor.fromDocument(doc);
  const frame = typeof data === 'string' ? await loadFrame(home, data) : data;
  const target = doc.target;
  return scoreModel(predictor, frame, target && frame.has(target) ? frame.column(target) : null).result.metrics;
}
