import type { FastifyInstance, FastifyRequest } from 'fastify';
import { decodeOipRequest } from '../decode/oip-request.js';
import { clientRequestId } from '../http/guards.js';
import { checkRequestedOutputs, encodeOutputs } from '../infer/outputs.js';
import { runInference } from '../infer/run-inference.js';
import type { ServeContext } from '../serve-context.js';
import { routeModel, type ModelParams } from './v2-model-routes.js';

/** `POST /v2/models/{name}[/versions/{version or alias}]/infer`. */
export function v2InferRoutes(app: FastifyInstance, ctx: ServeContext): void {
  const infer = async (req: FastifyRequest<{ Params: ModelParams }>) => {
    const body = req.body as { id?: unknown } | undefined;
    const givenId = typeof body?.id === 'string' ? body.id : null;
    // The canary split hashes the caller's id, so a retried request lands on the same version.
    const routed = routeModel(ctx, req.params, givenId ?? clientRequestId(req));
    const decoded = decodeOipRequest(req.body, routed.model.inputs);
    checkRequestedOutputs(routed.model, decoded.outputs);
    const id = decoded.id ?? req.id;
    const scores = await runInference(ctx, req, routed, decoded.frame, id);
    const m = routed.model;
    return {
      model_name: m.name,
      model_version: String(m.version),
      id,
      parameters: routed.alias === null ? { role: routed.role } : { alias: routed.alias, role: routed.role },
      outputs: encodeOutputs(m, scores, decoded.outputs),
    };
  };
  const config = { scope: 'predict', family: 'oip' } as const;
  app.post('/v2/models/:name/infer', { config }, infer);
  app.post('/v2/models/:name/versions/:version/infer', { config }, infer);
}
