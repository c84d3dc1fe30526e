import type { ErrorCode } from '@nuanxin/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from './errors.ts';

function send(
  reply: FastifyReply,
  req: FastifyRequest,
  status: number,
  code: ErrorCode,
  message: string,
  details?: unknown,
) {
  return reply
    .status(status)
    .send({ code, message, ...(details === undefined ? {} : { details }), requestId: req.id });
}

/**
 * The one place errors become responses: `{ code, message, details?, requestId }`. Anything not
 * recognised is a 500 that reveals nothing; the full error goes to the log with the request id.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      for (const [k, v] of Object.entries(err.headers)) reply.header(k, v);
      if (err.status >= 500) req.log.error({ err }, err.message);
      return send(reply, req, err.status, err.code, err.message, err.details);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: `${err.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
        message: v.message,
      }));
      return send(reply, req, 400, 'common.validation', 'The request is not valid', details);
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response did not match its schema');
      return send(reply, req, 500, 'common.internal', 'Internal error');
    }
    if (err.statusCode === 429) {
      return send(reply, req, 429, 'common.rate_limited', 'Too many requests; try again later');
    }
    if (err.statusCode === 413)
      return send(reply, req, 413, 'common.payload_too_large', 'The request is too large');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Malformed JSON, wrong content type, bad multipart and the like: the client's fault.
      return send(
        reply,
        req,
        err.statusCode === 404 ? 404 : 400,
        err.statusCode === 404 ? 'common.not_found' : 'common.validation',
        err.message,
      );
    }
    req.log.error({ err }, 'unhandled error');
    return send(reply, req, 500, 'common.internal', 'Internal error');
  });
}
