import type { FastifyInstance, FastifyRequest } from 'fastify';
import { decodeInstances } from '../decode/v1-instances.js';
import { HttpError } from '../http/http-error.js';
import { clientRequestId } from '../http/guards.js';
import { isClassifier, predictionValues } from '../infer/outputs.js';
import { runInference } from '../infer/run-inference.js';
import type { ServeContext } from '../serve-context.js';
import { routeModel, type ModelParams } from './v2-model-routes.js';

/** Splits a V1 ref: `name`, `name@alias` or `name:N`. */
function refParams(ref: string): ModelParams {
  const at = ref.indexOf('@');
  const colon = ref.indexOf(':');
  if (at >= 0 && colon < 0) return { name: ref.slice(0, at), version: ref.slice(at + 1) };
  if (colon >= 0 && at < 0) return { name: ref.slice(0, colon), version: ref.slice(colon + 1) };
  if (at < 0 && colon < 0) return { name: ref };
  return { name: '' };
}

/**
 * KServe V1 style, for callers who think in records:
 * `POST /v1/models/{ref}:predict` with `{"instances": [{col: value}]}`, and
 * `GET /v1/models/{ref}` for its status.
 */
export function v1Routes(app: FastifyInstance, ctx: ServeContext): void {
  app.post('/v1/models/:target', { config: { scope: 'predict', family: 'problem' } }, async (req: FastifyRequest<{ Params: { target: string } }>) => {
    const target = req.params.target;
    if (!target.endsWith(':predict')) throw new HttpError(404, 'NOT_FOUND', 'no such route', 'POST /v1/models/{name}:predict');
    const params = refParams(target.slice(0, -':predict'.length));
    if (params.version !== undefined && /^[0-9]+$/.test(params.version) && target.includes('@')) throw new HttpError(404, 'NOT_FOUND', 'no such model', 'write a version as name:N and an alias as name@alias');
    const routed = routeModel(ctx, params, clientRequestId(req));
    const frame = decodeInstances(req.body, routed.model.inputs);
    const scores = await runInference(ctx, req, routed, frame, req.id);
    const m = routed.model;
    const out: Record<string, unknown> = { model_name: m.name, model_version: m.version, predictions: predictionValues(m, scores.prediction) };
    if (isClassifier(m) && scores.proba) {
      const k = m.classes!.length;
      out.classes = m.classes;
      out.probabilities = Array.from({ length: scores.prediction.length }, (_, i) => Array.from(scores.proba!.subarray(i * k, (i + 1) * k)));
    }
    return out;
  });
  app.get('/v1/models/:target', { config: { scope: 'read', family: 'problem' } }, async (req: FastifyRequest<{ Params: { target: string } }>) => {
    const routed = routeModel(ctx, refParams(req.params.target), null);
    const state = ctx.pool.models.get(routed.model.name)!;
    return { name: routed.model.name, ready: true, model_version: routed.model.version, aliases: Object.fromEntries(state.aliases), versions: [...state.versions.keys()].sort((a, b) => a - b) };
  });
}
