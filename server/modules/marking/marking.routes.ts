import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actionRoutes } from '../../http/actions';
import { operations } from '../../http/operation';
import { actorOf } from '../../actor';
import { ADMINISTRATORS, APPLICANTS, STAFF } from '../auth/access';
import {
  AttemptParams,
  MarkBody,
  MarkerQueue,
  MarkerScript,
  MarkReceipt,
  PlanBody,
  PlanView,
  ScriptParams,
  SittingParams,
  WrittenView,
} from './marking.schemas';
import type { MarkingService } from './marking.service';

export const markingRoutes: FastifyPluginAsyncTypebox<{ marking: MarkingService }> = async (app, { marking }) => {
  const operation = operations({ tags: ['marking'], access: ADMINISTRATORS });

  app.get(
    '/api/admin/sittings/:id/marking',
    operation({
      summary: "A sitting's written-work marking: the plan, scripts by code, final marks and markers' agreement",
      params: SittingParams,
      response: { 200: PlanView },
      cache: 'no-store',
    }),
    async (request) => marking.planView(request.params.id),
  );

  const markingAction = actionRoutes(app, operation, {
    path: '/api/admin/sittings',
    params: SittingParams,
    view: PlanView,
  });

  markingAction('marking', {
    summary: 'Publish the marking plan (markers, chief, threshold, rule) and hand each script to two markers',
    body: PlanBody,
    errors: [413],
    run: (actor, id, body) => marking.createPlan(actor, id, body),
  });

  markingAction('marking/reveal', {
    summary: 'Show candidates their markings with the markers’ names and roles',
    run: async (actor, id) => {
      await marking.reveal(id, actor);
      return marking.planView(id);
    },
  });

  markingAction('marking/late', {
    summary: 'Hand out scripts submitted after the plan: new codes, two markers each by the plan’s rotation',
    run: (actor, id) => marking.handOutLate(actor, id),
  });

  app.get(
    '/api/marking/scripts',
    operation({
      access: STAFF,
      summary: 'The scripts handed to me, by anonymous code, with my own marks',
      response: { 200: MarkerQueue },
      cache: 'no-store',
    }),
    async (request) => marking.queue(actorOf(request).id),
  );

  app.get(
    '/api/marking/scripts/:code',
    operation({
      access: STAFF,
      summary: 'A script handed to me: the task, the rubric and the text, never the candidate or another marking',
      params: ScriptParams,
      response: { 200: MarkerScript },
      cache: 'no-store',
    }),
    async (request) => marking.script(actorOf(request).id, request.params.code),
  );

  app.post(
    '/api/marking/scripts/:code/marks',
    operation({
      access: STAFF,
      summary: 'Enter my marks for a script: final when entered, committed to the log',
      params: ScriptParams,
      body: MarkBody,
      response: { 200: MarkReceipt },
      errors: [409, 413],
    }),
    async (request) => marking.mark(actorOf(request), request.params.code, request.body),
  );

  app.get(
    '/api/attempts/:id/written',
    operation({
      access: APPLICANTS,
      summary: 'My written work: my scripts, and once revealed their markings with the markers’ names and roles',
      params: AttemptParams,
      response: { 200: WrittenView },
      cache: 'no-store',
    }),
    async (request) => marking.written(actorOf(request).id, request.params.id),
  );
};
