import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Static, TObject, TSchema, TString } from '@sinclair/typebox';
import { actorOf, type SignedInActor } from '../actor';
import { APPLICANTS } from '../modules/auth/access';
import type { operations } from './operation';

type App = Parameters<FastifyPluginAsyncTypebox>[0];
type Operation = ReturnType<typeof operations>;

/*
 * The two doors of every kind of appeal (against an item's key, an annulment, a script's marking): the candidate
 * files one against their own attempt, and an official decides it. Each takes a reason or a decision in its body
 * (413 when too large) and is refused with 409 when the appeal's state or window does not allow it.
 */

/**
 * `POST /api/attempts/:id/<at>`: the candidate appeals, about their own attempt, while its window is open; answers
 * the appeal filed (201).
 */
export function appealFilingRoute<B extends TSchema, V extends TSchema>(
  app: App,
  operation: Operation,
  filing: {
    at: string;
    summary: string;
    params: TObject<{ id: TString }>;
    body: B;
    view: V;
    file(actor: SignedInActor, attemptId: string, body: Static<B>): Promise<Static<V>>;
  },
): void {
  const { at, summary, params, body, file } = filing;
  // Any schema to Fastify's types here, where V is still generic: `file` is checked against the view at the call.
  const view: TSchema = filing.view;
  app.post(
    `/api/attempts/:id/${at}`,
    operation({ access: APPLICANTS, summary, params, body, response: { 201: view }, errors: [409, 413] }),
    async (request, reply) =>
      reply.status(201).send(await file(actorOf(request), request.params.id, request.body as Static<B>)),
  );
}

/**
 * `POST <path>`, a path naming what is decided by its one parameter (`key`): an official decides, under the file's
 * usual access; answers what was decided as it now stands.
 */
export function appealDecisionRoute<K extends string, B extends TSchema, V extends TSchema>(
  app: App,
  operation: Operation,
  decision: {
    path: string;
    summary: string;
    params: TObject<Record<K, TString>>;
    key: K;
    body: B;
    view: V;
    decide(actor: SignedInActor, key: string, body: Static<B>): Promise<Static<V>>;
  },
): void {
  const { path, summary, params, key, body, decide } = decision;
  const view: TSchema = decision.view;
  app.post(path, operation({ summary, params, body, response: { 200: view }, errors: [409, 413] }), async (request) =>
    decide(actorOf(request), (request.params as Record<K, string>)[key], request.body as Static<B>),
  );
}
