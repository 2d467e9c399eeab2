import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actionRoutes } from '../../http/actions';
import { appealDecisionRoute, appealFilingRoute } from '../../http/appeals';
import { operations } from '../../http/operation';
import { APPLICANTS, STAFF } from '../auth/access';
import { actorOf } from '../../actor';
import {
  AppealListResponse,
  AppealView,
  AttemptAppealParams,
  CloseDecisionBody,
  DecisionBody,
  DecisionParams,
  DecisionView,
  FileAppealBody,
  JobParams,
  QueueQuery,
  QueueResponse,
  RescoringJobDetail,
  RescoringJobListResponse,
  VersionParams,
  VersionRecord,
} from './appeals.schemas';
import type { AppealsService } from './appeals.service';
import type { RescoringService } from './rescoring.service';

export const appealsRoutes: FastifyPluginAsyncTypebox<{
  appeals: AppealsService;
  rescoring: RescoringService;
}> = async (app, { appeals, rescoring }) => {
  const operation = operations({ tags: ['appeals'], access: STAFF });

  appealFilingRoute(app, operation, {
    at: 'appeals',
    summary: 'Appeal against one item of my paper, with a reason, while the appeal window is open',
    params: AttemptAppealParams,
    body: FileAppealBody,
    view: AppealView,
    file: (actor, attemptId, body) => appeals.file(actor, attemptId, body),
  });

  app.get(
    '/api/appeals',
    operation({
      access: APPLICANTS,
      summary: 'My appeals, each with the written decision and the officials who answer for it',
      response: { 200: AppealListResponse },
    }),
    async (request) => appeals.own(actorOf(request).id),
  );

  app.get(
    '/api/appeals/queue',
    operation({
      summary: 'Appeals grouped by question version, with the item and the key in force',
      querystring: QueueQuery,
      response: { 200: QueueResponse },
    }),
    async (request) => appeals.queue(request.query.status ?? 'pending'),
  );

  appealDecisionRoute(app, operation, {
    path: '/api/appeals/versions/:versionId/decision',
    summary: 'Decide every pending appeal against a version: reject (final), or uphold (awaits a second examiner)',
    params: VersionParams,
    key: 'versionId',
    body: DecisionBody,
    view: DecisionView,
    decide: (actor, versionId, body) => appeals.decide(actor, versionId, body),
  });

  const decisionAction = actionRoutes(app, operation, {
    path: '/api/appeal-decisions',
    params: DecisionParams,
    view: DecisionView,
  });

  decisionAction('confirm', {
    summary: "Confirm another examiner's upheld decision: the ruling is published and re-scoring queued",
    run: (actor, id) => appeals.confirm(actor, id),
  });

  decisionAction('decline', {
    summary: "Decline another examiner's upheld decision, with the reason: its appeals wait for a new decision",
    body: CloseDecisionBody,
    errors: [413],
    run: (actor, id, body) => appeals.decline(actor, id, body.reason),
  });

  decisionAction('withdraw', {
    summary: 'Withdraw my own upheld decision before it is confirmed, with the reason',
    body: CloseDecisionBody,
    errors: [413],
    run: (actor, id, body) => appeals.withdraw(actor, id, body.reason),
  });

  app.get(
    '/api/appeals/versions/:versionId',
    operation({
      summary: "A question version's record before the commission: appeals, decisions and rulings",
      params: VersionParams,
      response: { 200: VersionRecord },
    }),
    async (request) => appeals.record(request.params.versionId),
  );

  app.get(
    '/api/admin/rescoring',
    operation({
      summary: 'Re-scoring jobs with their progress, newest first',
      response: { 200: RescoringJobListResponse },
    }),
    async () => rescoring.list(),
  );

  app.get(
    '/api/admin/rescoring/:id',
    operation({
      summary: 'A re-scoring job with its progress and change report',
      params: JobParams,
      response: { 200: RescoringJobDetail },
    }),
    async (request) => rescoring.detail(request.params.id),
  );
};
