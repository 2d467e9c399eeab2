import { Ajv, type Format, type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifyRequest, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';
import { ValidationError, type FieldProblem } from '../errors';
import { unreadableText } from '../schemas';

const shared: Options = { useDefaults: true, removeAdditional: false, allErrors: true, addUsedSchema: false };

/**
 * The instants a `date` or `date-time` may name. Outside them JavaScript still has a Date, but
 * PostgreSQL has no year 0 and Date's ISO text turns six-digit years into `+010000-…`, so a filter
 * of `0000-01-01` used to reach the database and fail there (a 500) instead of being refused here.
 */
const EARLIEST = Date.UTC(1000, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

function withinYears(ajv: Ajv, name: 'date' | 'date-time', instant: (value: string) => number) {
  const format = ajv.formats[name] as Format | undefined;
  const original =
    typeof format === 'object' && !(format instanceof RegExp) && typeof format.validate === 'function'
      ? (format.validate as (value: string) => boolean)
      : undefined;
  if (!original) throw new Error(`ajv-formats did not define the ${name} format`);
  ajv.addFormat(name, {
    type: 'string',
    validate: (value: string) => {
      if (!original(value)) return false;
      const at = instant(value);
      return at >= EARLIEST && at <= LATEST;
    },
  });
}

function configured(ajv: Ajv): Ajv {
  addFormats(ajv);
  withinYears(ajv, 'date', (value) => Date.parse(`${value}T00:00:00Z`));
  withinYears(ajv, 'date-time', (value) => Date.parse(value));
  return ajv;
}

/**
 * Request validation with type coercion only where the input is text. Fastify's default coerces
 * every part alike, so a JSON body with `"fullName": 12345` or `"code": 123456` was silently accepted
 * as a string; a JSON body carries its own types, and a wrong one must be refused.
 */
const compilers = {
  body: configured(new Ajv({ ...shared, coerceTypes: false })),
  // Query strings, path parameters and headers arrive as text: "25" must become the integer 25.
  text: configured(new Ajv({ ...shared, coerceTypes: 'array' })),
};

/**
 * Every integer the API takes is at most a JavaScript safe integer unless its schema says less:
 * `before=99999999999999999999` passes Ajv as the integer 1e20, which PostgreSQL's bigint refuses
 * (a 500). The copy leaves the route's own schema, and so the OpenAPI document, as declared.
 */
function boundIntegers<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map(boundIntegers) as T;
  if (!schema || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = boundIntegers(value);
  const type = copy.type;
  if (type === 'integer' || (Array.isArray(type) && type.includes('integer'))) {
    copy.maximum ??= Number.MAX_SAFE_INTEGER;
    copy.minimum ??= Number.MIN_SAFE_INTEGER;
  }
  return copy as T;
}

/** Finds unreadable text anywhere in a parsed part of the request, in keys as well as values. */
function findUnreadableText(value: unknown, path: string[], context: string, found: FieldProblem[]) {
  const report = (at: string[], problem: { code: string; what: string }) => {
    const field = at.join('.') || context;
    found.push({ field, code: problem.code, message: `Contains ${problem.what}.` });
  };
  if (typeof value === 'string') {
    const problem = unreadableText(value);
    if (problem) report(path, problem);
    return;
  }
  if (!value || typeof value !== 'object' || Buffer.isBuffer(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    const problem = unreadableText(key);
    // A key that is not text is named by where it sits: the field the client meant cannot be spelt.
    if (problem) report(path, problem);
    else findUnreadableText(inner, [...path, key], context, found);
  }
}

/**
 * Text no database column can hold as sent (a NUL, a lone surrogate), refused for every route. Its own
 * class so that a route can still act on the refusal: a sign-in refused for it is audited as failed.
 */
export class UnreadableTextError extends ValidationError {}

/**
 * NUL characters and lone surrogates are refused in every body, query string and path parameter, for
 * every route, before any schema or handler sees them: PostgreSQL cannot store a NUL in text or jsonb
 * (a 500), and the driver silently turns a lone surrogate into U+FFFD (a different value stored than sent).
 */
export function refuseUnreadableText(request: FastifyRequest): void {
  const found: FieldProblem[] = [];
  findUnreadableText(request.params, [], 'params', found);
  findUnreadableText(request.query, [], 'query', found);
  findUnreadableText(request.body, [], 'body', found);
  if (found.length) throw new UnreadableTextError(found);
}

export default fp(
  async function validationPlugin(app: FastifyInstance) {
    // Compiled at a route's first request, not at start: compiling every route's schemas is most of a start's
    // time (issue 16: start-up to healthy under 5 s), and routes never called then cost nothing.
    app.setValidatorCompiler(
      ({ schema, httpPart }: { schema: FastifySchema & { $id?: string }; httpPart?: string }) => {
        let compiled: ValidateFunction | undefined;
        const validate = (data: unknown): boolean => {
          if (!compiled) {
            const ajv = httpPart === 'body' ? compilers.body : compilers.text;
            compiled = (schema.$id ? ajv.getSchema(schema.$id) : undefined) ?? ajv.compile(boundIntegers(schema));
          }
          const valid = compiled(data) as boolean;
          // Fastify reads a failed validation's errors from the function it was given.
          validate.errors = compiled.errors;
          return valid;
        };
        validate.errors = null as ValidateFunction['errors'];
        return validate;
      },
    );
    app.addHook('preValidation', async (request) => refuseUnreadableText(request));
  },
  { name: 'validation' },
);
