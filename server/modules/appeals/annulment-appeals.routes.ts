import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { appealDecisionRoute, appealFilingRoute } from '../../http/appeals';
import { operations } from '../../http/operation';
import { ADMINISTRATORS, APPLICANTS } from '../auth/access';
import { actorOf } from '../../actor';
import {
  AnnulmentAppealParams,
  AnnulmentAppealQueue,
  AnnulmentAppealStaffView,
  AnnulmentAppealView,
  AnnulmentAttemptParams,
  AnnulmentDecisionBody,
  AnnulmentQueueQuery,
  AnnulmentStanding,
  FileAnnulmentAppealBody,
} from './annulment-appeals.schemas';
import type { AnnulmentAppealsService } from './annulment-appeals.service';

export const annulmentAppealsRoutes: FastifyPluginAsyncTypebox<{ annulmentAppeals: AnnulmentAppealsService }> = async (
  app,
  { annulmentAppeals },
) => {
  const operation = operations({ tags: ['appeals'], access: ADMINISTRATORS });

  app.get(
    '/api/attempts/:id/annulment',
    operation({
      access: APPLICANTS,
      summary: 'The annulment of my attempt, until when it may be appealed, and my appeals against it',
      params: AnnulmentAttemptParams,
      response: { 200: AnnulmentStanding },
    }),
    async (request) => annulmentAppeals.standing(actorOf(request), request.params.id),
  );

  appealFilingRoute(app, operation, {
    at: 'annulment-appeal',
    summary: 'Appeal against the annulment of my attempt, with a reason, while the window is open',
    params: AnnulmentAttemptParams,
    body: FileAnnulmentAppealBody,
    view: AnnulmentAppealView,
    file: (actor, attemptId, body) => annulmentAppeals.file(actor, attemptId, body),
  });

  app.get(
    '/api/admin/annulment-appeals',
    operation({
      summary: 'Appeals against annulments: pending (oldest first) or decided (newest first)',
      querystring: AnnulmentQueueQuery,
      response: { 200: AnnulmentAppealQueue },
    }),
    async (request) => annulmentAppeals.queue(request.query.status ?? 'pending'),
  );

  appealDecisionRoute(app, operation, {
    path: '/api/admin/annulment-appeals/:id/decision',
    summary: 'Decide an appeal against an annulment (not the administrator who annulled): uphold reinstates and scores',
    params: AnnulmentAppealParams,
    key: 'id',
    body: AnnulmentDecisionBody,
    view: AnnulmentAppealStaffView,
    decide: (actor, id, body) => annulmentAppeals.decide(actor, id, body),
  });
};
