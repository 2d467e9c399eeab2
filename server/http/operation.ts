import type { TSchema } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Access } from '../modules/auth/access';
import { errors } from '../schemas';

/** A route as its file declares it: who may call it, what it takes, what it answers when it succeeds. */
export interface Operation {
  /** The file's usual access when absent. */
  access?: Access;
  /** The file's tags when absent. */
  tags?: string[];
  summary: string;
  params?: TSchema;
  querystring?: TSchema;
  body?: TSchema;
  /** The success responses by status: `{ 200: View }`, `{ 201: View }`, `{ 204: { type: 'null' } }`. */
  response: Record<number, TSchema | { type: 'null' }>;
  /**
   * Refusals the declaration does not imply (409 a state that forbids the step, 413 a body too large …).
   * The implied ones are added: 400 for any input, 401 and 403 unless public, 404 for a thing named in the path.
   */
  errors?: readonly number[];
  /**
   * `no-store` for an answer no cache may keep (a person's own record, a live board, keys): the header is set just
   * before the handler runs, so a refusal from the service carries it too, and a refusal at the door does not.
   */
  cache?: 'no-store';
}

/**
 * Fastify's route options for an operation, keeping its schemas' types: the handler's request is typed, and what it
 * returns is checked against the success responses (the type leaves out the error statuses, which it never returns).
 */
export interface OperationOptions<O extends Operation> {
  config: { access: Access };
  schema: Omit<O, 'access' | 'tags' | 'errors' | 'response' | 'cache'> & { tags: string[]; response: O['response'] };
  preHandler?: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

async function noStore(_request: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.header('cache-control', 'no-store');
}

/**
 * The declarations of one routes file, sharing its OpenAPI tags and usual access. Every error status a route can
 * answer follows from its declaration and the few it names, so the document and the code cannot disagree by hand.
 */
export function operations(file: { tags: string[]; access: Access }) {
  return function operation<O extends Operation>(declared: O): OperationOptions<O> {
    const { access = file.access, errors: refusals = [], response, cache, ...rest } = declared;
    const takesInput = rest.params !== undefined || rest.querystring !== undefined || rest.body !== undefined;
    const implied = [
      ...(takesInput ? [400] : []),
      ...(access === 'public' ? [] : [401, 403]),
      ...(rest.params !== undefined ? [404] : []),
    ];
    const schema = { tags: file.tags, ...rest, response: { ...response, ...errors(...implied, ...refusals) } };
    // The added statuses are error references, which the type leaves out on purpose (see OperationOptions).
    const options = { config: { access }, schema: schema as OperationOptions<O>['schema'] };
    return cache === 'no-store' ? { ...options, preHandler: noStore } : options;
  };
}
