import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors } from '../../schemas';
import { actorOf } from '../../actor';
import { APPLICANTS, STAFF } from '../auth/access';
import {
  MarkingAppealBody,
  MarkingAppealCase,
  MarkingAppealDecisionBody,
  MarkingAppealQueue,
} from './marking-appeals.schemas';
import type { MarkingAppealsService } from './marking-appeals.service';
import { AttemptParams, MarkingAppealView, ScriptParams } from './marking.schemas';

export const markingAppealsRoutes: FastifyPluginAsyncTypebox<{ markingAppeals: MarkingAppealsService }> = async (
  app,
  { markingAppeals },
) => {
  const tags = ['marking'];

  app.post(
    '/api/attempts/:id/written/appeals',
    {
      config: { access: APPLICANTS },
      schema: {
        tags,
        summary: "Appeal against one of my scripts' marking, with a reason, while the window after the reveal is open",
        params: AttemptParams,
        body: MarkingAppealBody,
        response: { 201: MarkingAppealView, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await markingAppeals.file(actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/marking/appeals',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Appeals against markings that I may decide: scripts I marked none of, by anonymous code',
        response: { 200: MarkingAppealQueue, ...errors(401, 403) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return markingAppeals.queue(actorOf(request).id);
    },
  );

  app.get(
    '/api/marking/appeals/:code',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary:
          "An appealed script: the task, rubric, text, markings by role and the candidate's reason; never the candidate",
        params: ScriptParams,
        response: { 200: MarkingAppealCase, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return markingAppeals.case(actorOf(request).id, request.params.code);
    },
  );

  app.post(
    '/api/marking/appeals/:code/decision',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary:
          'Decide an appeal against a marking I had no part in: upheld with new marks per criterion, or rejected',
        params: ScriptParams,
        body: MarkingAppealDecisionBody,
        response: { 200: MarkingAppealCase, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => markingAppeals.decide(actorOf(request), request.params.code, request.body),
  );
};
