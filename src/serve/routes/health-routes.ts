import type { FastifyInstance } from 'fastify';
import type { ServeContext } from '../serve-context.js';

/** The server's version, for OIP server metadata. */
export const SERVER_VERSION = '0.1.0';

/** `GET /v2/health/live`, `GET /v2/health/ready` (no key needed) and `GET /v2` (read). */
export function healthRoutes(app: FastifyInstance, ctx: ServeContext): void {
  app.get('/v2/health/live', { config: { scope: 'none', family: 'oip' } }, async () => ({ live: true }));
  app.get('/v2/health/ready', { config: { scope: 'none', family: 'oip' } }, async (_req, reply) => {
    const ready = ctx.state.loaded && !ctx.state.draining && ctx.pool.allReady();
    return reply.code(ready ? 200 : 503).send({ ready });
  });
  app.get('/v2', { config: { scope: 'read', family: 'oip' } }, async () => ({ name: 'lathe', version: SERVER_VERSION, extensions: [] }));
}
