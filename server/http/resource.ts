import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Static, TObject, TSchema, TString } from '@sinclair/typebox';
import { actorOf, type SignedInActor } from '../actor';
import type { operations } from './operation';

/** What a service keeps of a record staff edit: each change takes the acting staff member, for the audit trail. */
export interface ResourceService<Body, View, Query = unknown, List = unknown> {
  list(query: Query): Promise<List>;
  create(actor: SignedInActor, input: Body): Promise<View>;
  get(id: string): Promise<View>;
  update(actor: SignedInActor, id: string, input: Body): Promise<View>;
  remove(actor: SignedInActor, id: string): Promise<void>;
}

type Verb = keyof ResourceService<unknown, unknown>;
type App = Parameters<FastifyPluginAsyncTypebox>[0];

/** How the records are listed (`GET path`): the list's schema, and the filters its query string may carry. */
interface Listing<L extends TSchema, Q extends TSchema> {
  view: L;
  querystring?: Q;
}

/**
 * The editing routes of a record staff keep (an agency, a round, a sitting), for the verbs summarised:
 * `GET path` lists them (filtered by its query string, when the listing declares one), `POST path` creates (201),
 * `GET path/:id` reads, `PUT path/:id` changes, `DELETE path/:id` removes (204).
 * A write can be refused for the record's state (409) and a body for its size (413), as every such route is.
 */
export function resourceRoutes<
  K extends Verb,
  B extends TSchema,
  V extends TSchema,
  L extends TSchema = TSchema,
  Q extends TSchema = TObject<Record<never, never>>,
>(
  app: App,
  operation: ReturnType<typeof operations>,
  service: NoInfer<Pick<ResourceService<Static<B>, Static<V>, Static<Q>, Static<L>>, K>>,
  resource: {
    path: string;
    params: TObject<{ id: TString }>;
    body: B;
    view: V;
    summaries: Record<K, string>;
  } & ('list' extends K ? { list: Listing<L, Q> } : { list?: never }),
): void {
  const { path, params, body } = resource;
  // Any schema to Fastify's types here, where V is still generic: what the handlers return is checked at the call,
  // against the service's signature.
  const view: TSchema = resource.view;
  const summaries: Partial<Record<Verb, string>> = resource.summaries;
  // Only the verbs summarised are registered, and the signature demands the service has those.
  const records = service as unknown as ResourceService<Static<B>, Static<V>, Static<Q>, Static<L>>;
  const writes = [409, 413];

  if (summaries.list !== undefined && resource.list !== undefined) {
    const { view: list, querystring }: Listing<TSchema, TSchema> = resource.list;
    app.get(
      path,
      operation({ summary: summaries.list, ...(querystring && { querystring }), response: { 200: list } }),
      async (request) => records.list(request.query as Static<Q>),
    );
  }
  if (summaries.create !== undefined) {
    app.post(
      path,
      operation({ summary: summaries.create, body, response: { 201: view }, errors: writes }),
      async (request, reply) => reply.status(201).send(await records.create(actorOf(request), request.body)),
    );
  }
  if (summaries.get !== undefined) {
    app.get(`${path}/:id`, operation({ summary: summaries.get, params, response: { 200: view } }), async (request) =>
      records.get(request.params.id),
    );
  }
  if (summaries.update !== undefined) {
    app.put(
      `${path}/:id`,
      operation({ summary: summaries.update, params, body, response: { 200: view }, errors: writes }),
      async (request) => records.update(actorOf(request), request.params.id, request.body),
    );
  }
  if (summaries.remove !== undefined) {
    app.delete(
      `${path}/:id`,
      operation({ summary: summaries.remove, params, response: { 204: { type: 'null' } }, errors: [409] }),
      async (request, reply) => {
        await records.remove(actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
  }
}
