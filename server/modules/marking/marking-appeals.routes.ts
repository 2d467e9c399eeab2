import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { appealDecisionRoute, appealFilingRoute } from '../../http/appeals';
import { operations } from '../../http/operation';
import { actorOf } from '../../actor';
import { STAFF } from '../auth/access';
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
  const operation = operations({ tags: ['marking'], access: STAFF });

  appealFilingRoute(app, operation, {
    at: 'written/appeals',
    summary: "Appeal against one of my scripts' marking, with a reason, while the window after the reveal is open",
    params: AttemptParams,
    body: MarkingAppealBody,
    view: MarkingAppealView,
    file: (actor, attemptId, body) => markingAppeals.file(actor, attemptId, body),
  });

  app.get(
    '/api/marking/appeals',
    operation({
      summary: 'Appeals against markings that I may decide: scripts I marked none of, by anonymous code',
      response: { 200: MarkingAppealQueue },
      cache: 'no-store',
    }),
    async (request) => markingAppeals.queue(actorOf(request).id),
  );

  app.get(
    '/api/marking/appeals/:code',
    operation({
      summary:
        "An appealed script: the task, rubric, text, markings by role and the candidate's reason; never the candidate",
      params: ScriptParams,
      response: { 200: MarkingAppealCase },
      cache: 'no-store',
    }),
    async (request) => markingAppeals.case(actorOf(request).id, request.params.code),
  );

  appealDecisionRoute(app, operation, {
    path: '/api/marking/appeals/:code/decision',
    summary: 'Decide an appeal against a marking I had no part in: upheld with new marks per criterion, or rejected',
    params: ScriptParams,
    key: 'code',
    body: MarkingAppealDecisionBody,
    view: MarkingAppealCase,
    decide: (actor, code, body) => markingAppeals.decide(actor, code, body),
  });
};
