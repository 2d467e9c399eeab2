import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import {
  BusyError,
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidCredentialsError,
  NotFoundError,
  TwoFactorRequiredError,
  UnauthenticatedError,
  UnprocessableError,
  ValidationError,
  type FieldProblem,
} from '../errors';

const STATUS: [new (...args: never[]) => DomainError, number][] = [
  [ValidationError, 400],
  [InvalidCredentialsError, 401],
  [UnauthenticatedError, 401],
  [TwoFactorRequiredError, 403],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [UnprocessableError, 422],
  [BusyError, 503],
];

/** Fastify's refusals of the body as a whole, reported against the field `body`. */
const BODY_ERRORS = new Set([
  'BODY_TOO_LARGE',
  'FST_ERR_CTP_INVALID_JSON_BODY',
  'FST_ERR_CTP_EMPTY_JSON_BODY',
  'FST_ERR_CTP_INVALID_MEDIA_TYPE',
]);

interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Turns Ajv's findings into field problems named the way the client named the fields. */
function fieldProblems(issues: AjvIssue[], context: string | undefined): FieldProblem[] {
  return issues.map((issue) => {
    const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const missing = typeof issue.params.missingProperty === 'string' ? issue.params.missingProperty : undefined;
    const extra = typeof issue.params.additionalProperty === 'string' ? issue.params.additionalProperty : undefined;
    const field = [path, missing ?? extra].filter(Boolean).join('.') || (context ?? 'body');
    const code = issue.keyword === 'required' ? 'required' : issue.keyword;
    return { field, code, message: `${field} ${issue.message ?? 'is not valid'}` };
  });
}

export default fp(
  async function errorsPlugin(app: FastifyInstance) {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error.validation) {
        const fields = fieldProblems(error.validation as AjvIssue[], error.validationContext);
        return reply.status(400).send({
          error: { code: 'VALIDATION_FAILED', message: fields.map((f) => f.message).join('; '), fields },
        });
      }
      if (error instanceof DomainError) {
        const status = STATUS.find(([type]) => error instanceof type)?.[1] ?? 400;
        if (error instanceof BusyError) reply.header('retry-after', String(error.retryAfterSeconds));
        const fields =
          error instanceof ValidationError || error instanceof ConflictError || error instanceof UnprocessableError
            ? error.fields
            : undefined;
        return reply.status(status).send({ error: { code: error.code, message: error.message, fields } });
      }
      const status = error.statusCode ?? 500;
      if (status >= 500) {
        request.log.error({ err: error }, 'request failed');
        return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Something went wrong on our side.' } });
      }
      // Fastify's own 4xx errors (oversized body, bad JSON, wrong content type, rate limit): safe to describe.
      const code = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'BODY_TOO_LARGE' : (error.code ?? 'BAD_REQUEST');
      const fields = BODY_ERRORS.has(code)
        ? [{ field: 'body', code: code.toLowerCase(), message: error.message }]
        : undefined;
      return reply.status(status).send({ error: { code, message: error.message, fields } });
    });

    app.setNotFoundHandler((request, reply) =>
      reply
        .status(404)
        .send({ error: { code: 'NOT_FOUND', message: `No route for ${request.method} ${request.url.split('?')[0]}` } }),
    );
  },
  { name: 'errors' },
);
