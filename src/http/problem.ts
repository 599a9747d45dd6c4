/**
 * Every error leaves the API as application/problem+json (RFC 9457) with a Custos error code, the
 * fields at fault and the request id. Bad input is a 4xx naming the field; anything unexpected is
 * a 500 that says only "internal error" and the request id to quote, and is logged.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { CustosError, ERROR_CODES, type ErrorCode, type ErrorDetail } from '../lib/errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  requestId: string;
  errors?: ErrorDetail[];
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, code: ErrorCode, detail: string, errors?: ErrorDetail[]): FastifyReply {
  const { status, title } = ERROR_CODES[code];
  const problem: Problem = { type: `urn:custos:error:${code}`, title, status, code, detail, requestId: request.id, ...(errors?.length ? { errors } : {}) };
  return reply.code(status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

type ValidationIssue = { keyword?: string; instancePath?: string; message?: string; params?: { keys?: string[] } };

function validationDetails(error: FastifyError): ErrorDetail[] {
  const where = error.validationContext ?? 'body';
  return ((error.validation ?? []) as ValidationIssue[]).flatMap((issue) => {
    const base = [where, ...(issue.instancePath ?? '').split('/').filter(Boolean)].join('.');
    if (issue.keyword === 'unrecognized_keys' && issue.params?.keys?.length) {
      return issue.params.keys.map((key) => ({ field: `${base}.${key}`, message: 'unknown field' }));
    }
    return [{ field: base, message: issue.message ?? 'invalid value' }];
  });
}

export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof CustosError) {
      if (error.status >= 500) request.log.error({ err: error }, 'request failed');
      return sendProblem(reply, request, error.code, error.message, error.details);
    }
    if (hasZodFastifySchemaValidationErrors(error) || error.validation) {
      const errors = validationDetails(error);
      const summary = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      return sendProblem(reply, request, 'VALIDATION_FAILED', `invalid request: ${summary}`, errors);
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendProblem(reply, request, 'VALIDATION_FAILED', 'the body is not valid JSON', [{ field: 'body', message: 'malformed JSON' }]);
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(reply, request, 'BODY_TOO_LARGE', 'the body is larger than this server accepts', [{ field: 'body', message: 'too large' }]);
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendProblem(reply, request, 'UNSUPPORTED_MEDIA_TYPE', `content type ${request.headers['content-type'] ?? '(none)'} is not accepted here; send application/json`);
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendProblem(reply, request, 'VALIDATION_FAILED', 'the Content-Length header does not match the body', [{ field: 'headers.content-length', message: 'mismatch' }]);
    }
    const sqlState = typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code) ? error.code : undefined;
    if (sqlState?.startsWith('22')) {
      // Data exceptions: a NUL character, a date out of range, a number too large for its column.
      return sendProblem(reply, request, 'VALIDATION_FAILED', 'a value in the request cannot be stored: it holds a NUL character or is out of range');
    }
    if (sqlState === '23505') return sendProblem(reply, request, 'CONFLICT', 'that already exists (a name or key must be unique)');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, request, error.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED', error.message);
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendProblem(reply, request, 'INTERNAL', `internal error; quote request id ${request.id} when reporting it`);
  });
}
