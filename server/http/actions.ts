import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Static, TObject, TSchema, TString } from '@sinclair/typebox';
import { actorOf, type SignedInActor } from '../actor';
import type { Access } from '../modules/auth/access';
import type { operations } from './operation';

type App = Parameters<FastifyPluginAsyncTypebox>[0];

/** One step in a record's life, named in its path (`POST …/:id/take`). */
export interface Action<Body extends TSchema, View> {
  /** `PUT` for a step that sets one part of the record whole (its panel, a slot), which may be taken again. */
  method?: 'POST' | 'PUT';
  summary: string;
  body?: Body;
  /** Refusals beyond the record state's 409 (413, a body too large, where the file declares it). */
  errors?: readonly number[];
  run(actor: SignedInActor, id: string, body: Static<Body>): Promise<View>;
}

/**
 * The steps of a record's life beyond editing it (a question taken and answered, a decision confirmed, booking
 * opened for a sitting). Each is `POST path/:id/<step>` (or `PUT`, see `Action.method`), taken by the signed-in caller (for the audit), answers the
 * record as it now stands, and is refused with 409 when the record's state does not allow it. Who may take the steps
 * is the file's usual access unless the record names its own. Returns the function that declares one step.
 */
export function actionRoutes<V extends TSchema>(
  app: App,
  operation: ReturnType<typeof operations>,
  record: { path: string; params: TObject<{ id: TString }>; view: V; access?: Access },
) {
  const { path, params, access } = record;
  // Any schema to Fastify's types here, where V is still generic: what `run` returns is checked at each step,
  // against the view.
  const view: TSchema = record.view;
  return function action<B extends TSchema>(step: string, declared: Action<B, Static<V>>): void {
    const { method = 'POST', summary, body, errors = [], run } = declared;
    app.route({
      method,
      url: `${path}/:id/${step}`,
      ...operation({
        ...(access && { access }),
        summary,
        params,
        ...(body && { body }),
        response: { 200: view },
        errors: [409, ...errors],
      }),
      handler: async (request) => run(actorOf(request), request.params.id, request.body as Static<B>),
    });
  };
}
