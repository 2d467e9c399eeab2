import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors } from '../../schemas';
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
  const tags = ['appeals'];
  const staff = { access: STAFF };

  app.post(
    '/api/attempts/:id/appeals',
    {
      config: { access: APPLICANTS },
      schema: {
        tags,
        summary: 'Appeal against one item of my paper, with a reason, while the appeal window is open',
        params: AttemptAppealParams,
        body: FileAppealBody,
        response: { 201: AppealView, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await appeals.file(actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/appeals',
    {
      config: { access: APPLICANTS },
      schema: {
        tags,
        summary: 'My appeals, each with the written decision and the officials who answer for it',
        response: { 200: AppealListResponse, ...errors(401, 403) },
      },
    },
    async (request) => appeals.own(request.auth!.user.id),
  );

  app.get(
    '/api/appeals/queue',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Appeals grouped by question version, with the item and the key in force',
        querystring: QueueQuery,
        response: { 200: QueueResponse, ...errors(400, 401, 403) },
      },
    },
    async (request) => appeals.queue(request.query.status ?? 'pending'),
  );

  app.post(
    '/api/appeals/versions/:versionId/decision',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Decide every pending appeal against a version: reject (final), or uphold (awaits a second examiner)',
        params: VersionParams,
        body: DecisionBody,
        response: { 200: DecisionView, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => appeals.decide(actorOf(request), request.params.versionId, request.body),
  );

  app.post(
    '/api/appeal-decisions/:id/confirm',
    {
      config: staff,
      schema: {
        tags,
        summary: "Confirm another examiner's upheld decision: the ruling is published and re-scoring queued",
        params: DecisionParams,
        response: { 200: DecisionView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => appeals.confirm(actorOf(request), request.params.id),
  );

  app.post(
    '/api/appeal-decisions/:id/decline',
    {
      config: staff,
      schema: {
        tags,
        summary: "Decline another examiner's upheld decision, with the reason: its appeals wait for a new decision",
        params: DecisionParams,
        body: CloseDecisionBody,
        response: { 200: DecisionView, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => appeals.decline(actorOf(request), request.params.id, request.body.reason),
  );

  app.post(
    '/api/appeal-decisions/:id/withdraw',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Withdraw my own upheld decision before it is confirmed, with the reason',
        params: DecisionParams,
        body: CloseDecisionBody,
        response: { 200: DecisionView, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => appeals.withdraw(actorOf(request), request.params.id, request.body.reason),
  );

  app.get(
    '/api/appeals/versions/:versionId',
    {
      config: staff,
      schema: {
        tags,
        summary: "A question version's record before the commission: appeals, decisions and rulings",
        params: VersionParams,
        response: { 200: VersionRecord, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => appeals.record(request.params.versionId),
  );

  app.get(
    '/api/admin/rescoring',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Re-scoring jobs with their progress, newest first',
        response: { 200: RescoringJobListResponse, ...errors(401, 403) },
      },
    },
    async () => rescoring.list(),
  );

  app.get(
    '/api/admin/rescoring/:id',
    {
      config: staff,
      schema: {
        tags,
        summary: 'A re-scoring job with its progress and change report',
        params: JobParams,
        response: { 200: RescoringJobDetail, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => rescoring.detail(request.params.id),
  );
};
