import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors } from '../../schemas';
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
  const tags = ['appeals'];

  app.get(
    '/api/attempts/:id/annulment',
    {
      config: { access: APPLICANTS },
      schema: {
        tags,
        summary: 'The annulment of my attempt, until when it may be appealed, and my appeals against it',
        params: AnnulmentAttemptParams,
        response: { 200: AnnulmentStanding, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => annulmentAppeals.standing(actorOf(request), request.params.id),
  );

  app.post(
    '/api/attempts/:id/annulment-appeal',
    {
      config: { access: APPLICANTS },
      schema: {
        tags,
        summary: 'Appeal against the annulment of my attempt, with a reason, while the window is open',
        params: AnnulmentAttemptParams,
        body: FileAnnulmentAppealBody,
        response: { 201: AnnulmentAppealView, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await annulmentAppeals.file(actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/admin/annulment-appeals',
    {
      config: { access: ADMINISTRATORS },
      schema: {
        tags,
        summary: 'Appeals against annulments: pending (oldest first) or decided (newest first)',
        querystring: AnnulmentQueueQuery,
        response: { 200: AnnulmentAppealQueue, ...errors(400, 401, 403) },
      },
    },
    async (request) => annulmentAppeals.queue(request.query.status ?? 'pending'),
  );

  app.post(
    '/api/admin/annulment-appeals/:id/decision',
    {
      config: { access: ADMINISTRATORS },
      schema: {
        tags,
        summary:
          'Decide an appeal against an annulment (not the administrator who annulled): uphold reinstates and scores',
        params: AnnulmentAppealParams,
        body: AnnulmentDecisionBody,
        response: { 200: AnnulmentAppealStaffView, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => annulmentAppeals.decide(actorOf(request), request.params.id, request.body),
  );
};
