import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { clientRequestId, guard } from './http/guards.js';
import { uuidv7 } from './http/request-id.js';
import { errorHandler } from './http/error-handler.js';
import { HttpError, sendError } from './http/http-error.js';
import { adminRoutes } from './routes/admin-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { metricsRoutes } from './routes/metrics-routes.js';
import { v1Routes } from './routes/v1-routes.js';
import { feedbackRoutes } from './routes/feedback-routes.js';
import { v2InferRoutes } from './routes/v2-infer-routes.js';
import { v2ModelRoutes } from './routes/v2-model-routes.js';
import type { ServeContext } from './serve-context.js';

/** The querystring schema of a route that takes no query parameters. */
const NO_QUERY = { type: 'object', properties: {}, additionalProperties: false } as const;

/**
 * Builds the Fastify app: hooks (request id, guard, per-request log line and
 * metrics, shadow work after the response), JSON-only body parsing within
 * `--max-body`, the error shapes, and the routes. Every route must declare
 * its scope; one that does not fails here, at startup.
 */
export function buildApp(ctx: Omit<ServeContext, 'logger'>, logger: FastifyBaseLogger): { app: FastifyInstance; ctx: ServeContext } {
  const app = Fastify({
    loggerInstance: logger,
    // One line per request is written by our onResponse hook instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: ctx.opts.maxBodyBytes,
    exposeHeadRoutes: false,
    genReqId: (req) => clientRequestId(req) ?? uuidv7(),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Query strings are validated like bodies: an unknown parameter is refused, not silently dropped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, allErrors: true } },
    // Fastify's own early refusals (a URL that does not decode) get our shape and a request id too.
    frameworkErrors: (err, req, reply) => {
      reply.header('x-request-id', req.id);
      void errorHandler(full)(err as never, req, reply);
    },
  }) as unknown as FastifyInstance;
  const full = ctx as ServeContext;
  full.logger = app.log;
  app.decorateRequest('lathe', null as never);
  // JSON only: text/plain would otherwise be accepted and parsed as a string.
  app.removeContentTypeParser('text/plain');
  app.addHook('onRoute', (r) => {
    const scope = r.config?.scope;
    if (scope === undefined) throw new Error(`route ${String(r.method)} ${r.url} declares no scope`);
    // A route that declares no query parameters takes none, so no handler reads an unchecked one.
    r.schema = { ...r.schema, querystring: r.schema?.querystring ?? NO_QUERY };
    const querystring = r.schema.querystring as Record<string, unknown>;
    for (const method of [r.method].flat()) full.routes.push({ method: String(method), url: r.url, scope, querystring });
  });
  app.addHook('onRequest', guard(full));
  // Metric children per label set: prom-client hashes a label object on
  // every call otherwise. Label sets are bounded (served models × routes × statuses).
  // pino's numeric level: info is 30; below it (debug, trace) info lines are written too.
  const infoOn = (logger as unknown as { levelVal?: number }).levelVal === undefined || (logger as unknown as { levelVal: number }).levelVal <= 30;
  const children = new Map<string, { count: { inc(): void }; time: { observe(v: number): void } }>();
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const model = req.lathe?.model ?? '';
    const version = req.lathe?.version ?? '';
    const key = `${model}\u0000${version}\u0000${route}\u0000${reply.statusCode}`;
    let child = children.get(key);
    if (!child) {
      const labels = { model, version, route, status: String(reply.statusCode) };
      child = { count: ctx.metrics.requests.labels(labels), time: ctx.metrics.latency.labels(labels) };
      children.set(key, child);
    }
    child.count.inc();
    child.time.observe(reply.elapsedTime / 1000);
    if (infoOn) {
      req.log.info({ method: req.method, route, status: reply.statusCode, ms: Number(reply.elapsedTime.toFixed(2)), model: model || undefined, version: version || undefined, key: req.lathe?.principal ?? undefined }, 'request');
    }
    req.lathe?.span?.end(reply.statusCode, { 'lathe.model': model, 'lathe.version': version });
    const after = req.lathe?.after;
    if (after) setImmediate(after);
  });
  app.setErrorHandler(errorHandler(full));
  app.setNotFoundHandler((req, reply) => sendError(req, reply, new HttpError(404, 'NOT_FOUND', 'no such route', 'see the HTTP API in the README: /v2/..., /v1/models/{name}:predict, /metrics')));
  healthRoutes(app, full);
  v2ModelRoutes(app, full);
  v2InferRoutes(app, full);
  v1Routes(app, full);
  feedbackRoutes(app, full);
  adminRoutes(app, full);
  metricsRoutes(app, full);
  return { app, ctx: full };
}
