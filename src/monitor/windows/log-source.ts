import { readPredictions, type ServeStore } from '../../serve/index.js';
import type { PredictionSource } from './build-windows.js';

/**
 * The serving prediction log (src/serve, migration 5) as a
 * {@link PredictionSource}: primary answers only, since those are what
 * callers saw and what labels will be joined to.
 *
 * @example
 * ```ts
 * const source = predictionLogSource(openServeStore(home));
 * const { closed } = await buildWindows(source, 'churn', parseWindow('1h'));
 * ```
 */
export function predictionLogSource(store: ServeStore): PredictionSource {
  return {
    read: async (model, q) => {
      const rows = await readPredictions(store, model, { sinceId: q.sinceId, limit: q.limit });
      return rows.map((r) => ({ id: r.id, at_ms: r.at_ms, inputs: r.inputs, outputs: { prediction: r.outputs.prediction }, latency_ms: r.latency_ms }));
    },
  };
}
