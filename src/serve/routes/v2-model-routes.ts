import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../http/http-error.js';
import { safeSegment } from '../http/path-guard.js';
import { resolveServed, type Routed } from '../models/resolve-served.js';
import type { ServeContext } from '../serve-context.js';
import { inputTensors, outputTensors } from '../infer/outputs.js';

/** The path parameters of OIP model routes. */
export interface ModelParams {
  name: string;
  version?: string;
}

/**
 * Routes a model path to a loaded model, or throws the OIP error: 404 for
 * a name or version that fails the path guard (before any lookup) or is not
 * served, 503 for one that is known but not loaded.
 */
export function routeModel(ctx: ServeContext, params: ModelParams, routingId: string | null): Routed {
  if (!safeSegment(params.name) || (params.version !== undefined && !safeSegment(params.version))) {
    throw new HttpError(404, 'NOT_FOUND', 'no such model', 'model names and versions use only A-Z a-z 0-9 . _ -');
  }
  const r = resolveServed(ctx.pool, params.name, params.version, routingId);
  if (!r.ok) throw new HttpError(r.status, r.status === 404 ? 'NOT_FOUND' : 'NOT_READY', r.message, r.hint);
  return r;
}

/** OIP model metadata and model readiness, with and without a version segment. */
export function v2ModelRoutes(app: FastifyInstance, ctx: ServeContext): void {
  const metadata = async (req: FastifyRequest<{ Params: ModelParams }>) => {
    const { model } = routeModel(ctx, req.params, null);
    const state = ctx.pool.models.get(model.name)!;
    return {
      name: model.name,
      versions: [...state.versions.keys()].sort((a, b) => a - b).map(String),
      platform: model.format,
      inputs: inputTensors(model),
      outputs: outputTensors(model),
    };
  };
  const ready = async (req: FastifyRequest<{ Params: ModelParams }>) => {
    const { model } = routeModel(ctx, req.params, null);
    if (ctx.state.draining) throw new HttpError(503, 'NOT_READY', 'the server is shutting down', 'send requests to another replica');
    return { name: model.name, ready: true };
  };
  const config = { scope: 'read', family: 'oip' } as const;
  app.get('/v2/models/:name', { config }, metadata);
  app.get('/v2/models/:name/versions/:version', { config }, metadata);
  app.get('/v2/models/:name/ready', { config }, ready);
  app.get('/v2/models/:name/versions/:version/ready', { config }, ready);
}
