import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, HTTP_STATUS, type ErrorDetail } from '../shared/errors.ts';

/**
 * The one place where errors become HTTP responses: `{ error: { code, message, details } }`.
 * Unexpected errors are logged with their stack and answered with a generic message, never raw text.
 */
export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): void {
  if (err instanceof AppError) {
    void reply.status(HTTP_STATUS[err.kind]).send({ error: { code: err.code, message: err.message, details: err.details } });
    return;
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const context = (err as { validationContext?: string }).validationContext ?? 'body';
    const details: ErrorDetail[] = err.validation.map((v) => ({
      path: `${context}${v.instancePath.replace(/\//g, '.')}`,
      message: v.message ?? 'invalid',
    }));
    void reply.status(400).send({ error: { code: 'validation', message: `invalid request ${context}`, details } });
    return;
  }
  const fe = err as FastifyError;
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code = fe.statusCode === 413 ? 'payload_too_large'
      : fe.statusCode === 429 ? 'rate_limited'
      : fe.statusCode === 404 ? 'not_found'
      : fe.statusCode === 415 ? 'unsupported_media_type'
      : 'bad_request';
    void reply.status(fe.statusCode).send({ error: { code, message: fe.message, details: [] } });
    return;
  }
  req.log.error({ err }, 'unhandled error');
  void reply.status(500).send({ error: { code: 'internal', message: 'internal error', details: [] } });
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply): void {
  void reply.status(404).send({ error: { code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}`, details: [] } });
}
