import type { FastifyInstance } from 'fastify';
import type { ServeContext } from '../serve-context.js';

/** `GET /metrics`: Prometheus text format (scope read). */
export function metricsRoutes(app: FastifyInstance, ctx: ServeContext): void {
  app.get('/metrics', { config: { scope: 'read', family: 'problem' } }, async (_req, reply) => {
    const loaded = [...ctx.pool.models.values()].reduce((n, s) => n + s.versions.size, 0);
    ctx.metrics.modelsLoaded.set(loaded);
    return reply.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  });
}
