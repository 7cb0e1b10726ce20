import type { FastifyReply, FastifyRequest } from 'fastify';
import { scopeAllows } from '../auth/api-keys.js';
import type { ServeContext } from '../serve-context.js';
import { hostOf } from '../serve-options.js';
import { HttpError, sendError } from './http-error.js';

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `x-request-id` when it is well-formed, else null (a new id is made). */
export function clientRequestId(req: { headers: Record<string, string | string[] | undefined> }): string | null {
  const h = req.headers['x-request-id'];
  return typeof h === 'string' && REQUEST_ID_RE.test(h) ? h : null;
}

/**
 * The onRequest guard, in order: request id header, CORS, Host allow-list,
 * API key and scope, rate limit. It answers the refusal itself, so a refused
 * request never reaches body parsing or a handler.
 */
export function guard(ctx: ServeContext) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    req.lathe = { model: '', version: '', principal: null, after: null, span: null };
    if (ctx.tracer) req.lathe.span = ctx.tracer.start(`${req.method} ${req.routeOptions.url ?? 'unmatched'}`, req.headers, { 'http.request.method': req.method, 'http.route': req.routeOptions.url ?? '', 'lathe.request_id': req.id });
    reply.header('x-request-id', req.id);
    const framing = framingProblem(req);
    if (framing) {
      sendError(req, reply, new HttpError(400, 'BAD_INPUT', framing, 'send a path (origin-form, starting with /) and exactly one Host header of the form name[:port]'));
      return;
    }
    if (ctx.opts.corsOrigins.length > 0 && cors(ctx, req, reply)) return;
    const allowed = ctx.opts.allowedHosts;
    if (allowed && !allowed.has(hostOf(req.headers.host))) {
      sendError(req, reply, new HttpError(403, 'AUTH_FAILED', 'this Host header is not allowed', 'use a host name from the server\'s --allowed-hosts (by default the loopback names)'));
      return;
    }
    const scope = req.routeOptions.config?.scope;
    // Unmatched paths have no scope and get a 404; health needs none.
    if (scope === undefined || scope === 'none') return;
    if (ctx.opts.authRequired) {
      const key = presentedKey(req);
      if (key === null) {
        reply.header('www-authenticate', 'Bearer');
        sendError(req, reply, new HttpError(401, 'AUTH_FAILED', 'this route needs an API key', 'send Authorization: Bearer <key> (create one with `lathe keys create`)'));
        return;
      }
      const rec = ctx.keys.verify(key);
      if (!rec) {
        reply.header('www-authenticate', 'Bearer error="invalid_token"');
        sendError(req, reply, new HttpError(401, 'AUTH_FAILED', 'the API key is not valid', 'check the key, or whether it was revoked (`lathe keys list`)'));
        return;
      }
      if (!scopeAllows(rec.scope, scope)) {
        sendError(req, reply, new HttpError(403, 'AUTH_FAILED', `the key "${rec.name}" has scope ${rec.scope}, and this route needs ${scope}`, `use a key with scope ${scope} (\`lathe keys create --scope ${scope}\`)`));
        return;
      }
      req.lathe.principal = rec.name;
    }
    if (ctx.limiter) {
      const wait = ctx.limiter.take(req.lathe.principal ?? `ip:${req.ip}`);
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        sendError(req, reply, new HttpError(429, 'RATE_LIMITED', 'rate limit exceeded', `retry after ${wait} s; the limit is per key`));
      }
    }
  };
}

/** A Host value: a DNS name or IPv4 address, or a bracketed IPv6 address, with an optional port. */
const HOST_RE = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;

/**
 * Why the request line or Host header is refused, or null. Only the
 * origin form (`/path`) is served: an absolute target (`GET http://evil/`)
 * names another host than the Host header. Exactly one Host header, with
 * no user info, path or spaces (`localhost:80@evil.com` would otherwise
 * pass the allow-list as "localhost").
 */
export function framingProblem(req: { raw: { url?: string; rawHeaders: string[] }; headers: Record<string, unknown> }): string | null {
  if (!req.raw.url?.startsWith('/')) return 'the request target is not a path';
  let hosts = 0;
  const raw = req.raw.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) if (raw[i].length === 4 && raw[i].toLowerCase() === 'host') hosts++;
  if (hosts > 1) return 'the request has more than one Host header';
  const host = req.headers.host;
  if (hosts === 1 && (typeof host !== 'string' || !HOST_RE.test(host))) return 'the Host header is not a host name with an optional port';
  return null;
}

function presentedKey(req: FastifyRequest): string | null {
  const auth = req.headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    return m ? m[1] : null;
  }
  const x = req.headers['x-api-key'];
  return typeof x === 'string' && x.length > 0 ? x : null;
}

/** Adds CORS headers for allowed origins; answers preflights. True when the request was answered. */
function cors(ctx: ServeContext, req: FastifyRequest, reply: FastifyReply): boolean {
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || !ctx.opts.corsOrigins.includes(origin)) return false;
  reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
  if (req.method !== 'OPTIONS') return false;
  reply
    .header('access-control-allow-methods', 'GET, POST, PUT')
    .header('access-control-allow-headers', 'authorization, content-type, x-api-key, x-request-id')
    .header('access-control-max-age', '600')
    .code(204)
    .send();
  return true;
}
