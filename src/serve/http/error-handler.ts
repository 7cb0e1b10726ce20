import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { LatheError, isLatheError } from '../../errors.js';
import type { ServeContext } from '../serve-context.js';
import { HttpError, sendError } from './http-error.js';
import { shownName } from '../decode/issues.js';

type Validation = NonNullable<FastifyError['validation']>;

/**
 * A 400 naming each bad query parameter and what it must be (ajv's words,
 * which never quote the value); an unknown parameter is named only when its
 * name is plain text.
 */
export function queryError(validation: Validation): HttpError {
  const issues = validation.slice(0, 10).map((v) => {
    const params = v.params as Record<string, unknown>;
    if (v.keyword === 'additionalProperties') return `unknown query parameter ${shownName(params.additionalProperty)}`;
    const name = (v.instancePath ?? '').replace(/^\//, '') || String(params.missingProperty ?? '');
    return `query parameter ${shownName(name)} ${v.message ?? 'is not valid'}`;
  });
  return new HttpError(400, 'BAD_INPUT', issues.join('; '), 'see the route\'s query parameters in the README\'s HTTP reference');
}

/**
 * Maps every failure to the route family's error shape: our own errors as
 * they are; Fastify's body errors to 413, 415 and 400 with fixed messages
 * (no parser message, which could quote the body); anything else to a 500
 * whose details go to the log only.
 */
export function errorHandler(ctx: ServeContext) {
  return (err: FastifyError | LatheError, req: FastifyRequest, reply: FastifyReply) => {
    if (isLatheError(err)) return sendError(req, reply, err);
    const code = (err as FastifyError).code;
    const validation = (err as FastifyError).validation;
    if (validation && (err as FastifyError).validationContext === 'querystring') return sendError(req, reply, queryError(validation));
    if (code === 'FST_ERR_BAD_URL' || code === 'FST_ERR_ASYNC_CONSTRAINT') {
      return sendError(req, reply, new HttpError(400, 'BAD_INPUT', 'the request path is not a valid URL', 'percent-encode the path as UTF-8; model names use only A-Z a-z 0-9 . _ -'));
    }
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(req, reply, new HttpError(413, 'TOO_LARGE', `the body is larger than ${ctx.opts.maxBodyBytes} bytes`, 'send fewer rows per request, or start the server with a larger --max-body'));
    }
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendError(req, reply, new HttpError(415, 'UNSUPPORTED_FORMAT', 'the body must be JSON', 'send Content-Type: application/json'));
    }
    if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError || err.message?.includes('prototype')) {
      return sendError(req, reply, new HttpError(400, 'PARSE_ERROR', 'the body is not valid JSON', 'send one JSON object; check quoting, commas and brackets'));
    }
    const status = (err as FastifyError).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return sendError(req, reply, new HttpError(status, 'BAD_INPUT', 'the request was refused', 'check the method, headers and body against the API reference'));
    }
    req.log.error({ err }, 'request failed');
    return sendError(req, reply, new HttpError(500, 'INTERNAL', 'internal error', `report it with the request id ${req.id}`));
  };
}
