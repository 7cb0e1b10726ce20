import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LatheError } from '../../errors.js';
import { setAlias } from '../../registry/index.js';
import { HttpError } from '../http/http-error.js';
import { safeSegment } from '../http/path-guard.js';
import { abortRollout, promoteCanary, startRollout } from '../rollout/rollout-actions.js';
import type { ServeContext } from '../serve-context.js';

type NameParams = { Params: { name: string; alias?: string } };

interface RolloutBody {
  alias?: string;
  canary?: number;
  shadow?: number;
  percent?: number;
  promote?: boolean;
  abort?: boolean;
  message?: string;
}

/**
 * Admin endpoints (scope admin; errors as problem+json). Every change is
 * written to the server audit log with the key's name as the actor, and the
 * pool is refreshed at once so the change is live before the answer.
 */
export function adminRoutes(app: FastifyInstance, ctx: ServeContext): void {
  const config = { scope: 'admin', family: 'problem' } as const;
  const actor = (req: FastifyRequest) => req.lathe.principal ?? 'anonymous@loopback';
  const guardName = (name: string, alias?: string) => {
    if (!safeSegment(name) || (alias !== undefined && !safeSegment(alias))) throw new HttpError(404, 'NOT_FOUND', 'no such model', 'model names and aliases use only A-Z a-z 0-9 . _ -');
  };

  app.get('/v1/admin/models', { config }, async () => ({
    models: [...ctx.pool.models.values()].map((s) => ({
      name: s.name,
      versions: [...s.versions.keys()].sort((a, b) => a - b),
      aliases: Object.fromEntries(s.aliases),
      failed: [...s.pending.entries()].filter(([, p]) => p.error).map(([v, p]) => ({ version: v, error: p.error!.oneLine(), failures: p.failures })),
      canary: Object.fromEntries([...s.canary].map(([a, r]) => [a, { version: r.model.version, percent: r.percent }])),
      shadow: Object.fromEntries([...s.shadow].map(([a, r]) => [a, { version: r.model.version, percent: r.percent }])),
    })),
  }));

  app.put('/v1/admin/models/:name/aliases/:alias', { config }, async (req: FastifyRequest<NameParams & { Body: { version?: unknown; message?: unknown } }>) => {
    const { name, alias } = req.params;
    guardName(name, alias);
    const body = req.body ?? {};
    if (!Number.isSafeInteger(body.version) || (body.version as number) < 1) throw new LatheError('BAD_INPUT', '"version" is not a version number', { hint: 'send {"version": N, "message": "why"}' });
    const message = typeof body.message === 'string' ? body.message.slice(0, 500) : null;
    const entry = await setAlias(ctx.home, name, alias!, body.version as number, { actor: actor(req), message: message ?? undefined });
    await ctx.store.appendAudit({ at: entry.at, actor: actor(req), action: 'alias.set', target: `${name}@${alias}`, detail: { from: entry.old_version, to: entry.new_version, message } });
    await ctx.pool.refresh();
    return entry;
  });

  app.post('/v1/admin/models/:name/rollout', { config }, async (req: FastifyRequest<NameParams & { Body: RolloutBody }>) => {
    const { name } = req.params;
    guardName(name);
    const b = req.body ?? {};
    const who = { actor: actor(req), message: typeof b.message === 'string' ? b.message.slice(0, 500) : null };
    const alias = typeof b.alias === 'string' ? b.alias : undefined;
    const chosen = [b.canary !== undefined, b.shadow !== undefined, b.promote === true, b.abort === true].filter(Boolean).length;
    if (chosen !== 1) throw new LatheError('BAD_INPUT', 'the body must ask for exactly one of canary, shadow, promote, abort', { hint: 'send e.g. {"canary": 4, "percent": 10} or {"promote": true}' });
    let result: unknown;
    if (b.promote) result = await promoteCanary(ctx.home, ctx.store, name, alias, who);
    else if (b.abort) result = { ended: await abortRollout(ctx.home, ctx.store, name, alias, who) };
    else {
      const kind = b.canary !== undefined ? 'canary' : 'shadow';
      const version = kind === 'canary' ? b.canary : b.shadow;
      if (!Number.isSafeInteger(version) || typeof b.percent !== 'number') throw new LatheError('BAD_INPUT', `"${kind}" needs a version number and "percent" a number`, { hint: `send {"${kind}": N, "percent": 10}` });
      result = await startRollout(ctx.home, ctx.store, { model: name, alias, kind, version: version as number, percent: b.percent, ...who });
    }
    await ctx.pool.refresh();
    return result;
  });

  const auditQuery = { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 1000 } }, additionalProperties: false };
  app.get('/v1/admin/audit', { config, schema: { querystring: auditQuery } }, async (req: FastifyRequest<{ Querystring: { limit?: number } }>) => {
    return { entries: await ctx.store.listAudit(req.query.limit ?? 100) };
  });
}
