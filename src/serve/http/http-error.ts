import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorCode, LatheError, httpStatusOf } from '../../errors.js';

/** How a route family answers errors: OIP's `{"error"}` or RFC 9457 problem+json. */
export type ErrorFamily = 'oip' | 'problem';

/** An error with the HTTP status it is answered with. */
export class HttpError extends LatheError {
  constructor(readonly status: number, code: ErrorCode, message: string, hint?: string) {
    super(code, message, { hint });
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 413: 'Content Too Large',
  415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

/** The family of a request: the route's declaration, or `/v2` for unmatched OIP paths. */
export function familyOf(req: FastifyRequest): ErrorFamily {
  const declared = req.routeOptions?.config?.family;
  if (declared) return declared;
  return req.url === '/v2' || req.url.startsWith('/v2/') ? 'oip' : 'problem';
}

/**
 * Sends an error in the family's shape. The body holds the message and the
 * hint only: never a stack, a cause, or a value from the request.
 */
export function sendError(req: FastifyRequest, reply: FastifyReply, err: LatheError, status = err instanceof HttpError ? err.status : httpStatusOf(err.code)): FastifyReply {
  const detail = err.oneLine();
  // Every answer carries the id, refusals made before the guard (a bad URL) included.
  if (!reply.hasHeader('x-request-id')) reply.header('x-request-id', req.id);
  if (familyOf(req) === 'oip') return reply.code(status).type('application/json').send({ error: detail });
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: `urn:lathe:error:${err.code.toLowerCase()}`, title: TITLES[status] ?? 'Error', status, detail, code: err.code });
}
