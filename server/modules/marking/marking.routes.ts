import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors } from '../../schemas';
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
  const tags = ['marking'];

  app.get(
    '/api/admin/sittings/:id/marking',
    {
      config: { access: ADMINISTRATORS },
      schema: {
        tags,
        summary: "A sitting's written-work marking: the plan, scripts by code, final marks and markers' agreement",
        params: SittingParams,
        response: { 200: PlanView, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return marking.planView(request.params.id);
    },
  );

  app.post(
    '/api/admin/sittings/:id/marking',
    {
      config: { access: ADMINISTRATORS },
      schema: {
        tags,
        summary: 'Publish the marking plan (markers, chief, threshold, rule) and hand each script to two markers',
        params: SittingParams,
        body: PlanBody,
        response: { 200: PlanView, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => marking.createPlan(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/admin/sittings/:id/marking/reveal',
    {
      config: { access: ADMINISTRATORS },
      schema: {
        tags,
        summary: 'Show candidates their markings with the markers’ names and roles',
        params: SittingParams,
        response: { 200: PlanView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await marking.reveal(request.params.id, actorOf(request));
      return marking.planView(request.params.id);
    },
  );

  app.post(
    '/api/admin/sittings/:id/marking/late',
    {
      config: { access: ADMINISTRATORS },
      schema: {
        tags,
        summary: 'Hand out scripts submitted after the plan: new codes, two markers each by the plan’s rotation',
        params: SittingParams,
        response: { 200: PlanView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => marking.handOutLate(actorOf(request), request.params.id),
  );

  app.get(
    '/api/marking/scripts',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'The scripts handed to me, by anonymous code, with my own marks',
        response: { 200: MarkerQueue, ...errors(401, 403) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return marking.queue(actorOf(request).id);
    },
  );

  app.get(
    '/api/marking/scripts/:code',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'A script handed to me: the task, the rubric and the text, never the candidate or another marking',
        params: ScriptParams,
        response: { 200: MarkerScript, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return marking.script(actorOf(request).id, request.params.code);
    },
  );

  app.post(
    '/api/marking/scripts/:code/marks',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Enter my marks for a script: final when entered, committed to the log',
        params: ScriptParams,
        body: MarkBody,
        response: { 200: MarkReceipt, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => marking.mark(actorOf(request), request.params.code, request.body),
  );

  app.get(
    '/api/attempts/:id/written',
    {
      config: { access: APPLICANTS },
      schema: {
        tags,
        summary: 'My written work: my scripts, and once revealed their markings with the markers’ names and roles',
        params: AttemptParams,
        response: { 200: WrittenView, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return marking.written(actorOf(request).id, request.params.id);
    },
  );
};
