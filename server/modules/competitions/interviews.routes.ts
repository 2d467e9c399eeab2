import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors } from '../../schemas';
import { ADMINISTRATORS, STAFF } from '../auth/access';
import { actorOf } from '../../actor';
import { ApplicationParams } from './applications.schemas';
import { AdminVacancyDetail } from './appointments.schemas';
import { PanelAssignmentList, PanelBody, ScoreBody, ScoreReceipt, SlotBody } from './interviews.schemas';
import type { InterviewsService } from './interviews.service';
import { VacancyParams } from './rounds.schemas';

export const interviewsRoutes: FastifyPluginAsyncTypebox<{ interviews: InterviewsService }> = async (
  app,
  { interviews },
) => {
  const tags = ['competitions'];
  const config = { access: ADMINISTRATORS };

  app.get(
    '/api/admin/vacancies/:id',
    {
      config,
      schema: {
        tags,
        summary: 'A vacancy with its panel, applications, slots, scores, ranking and appointments',
        params: VacancyParams,
        response: { 200: AdminVacancyDetail, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return interviews.adminDetail(request.params.id);
    },
  );

  app.put(
    '/api/admin/vacancies/:id/panel',
    {
      config,
      schema: {
        tags,
        summary: 'Set the interview panel: at least three staff accounts, one of them the chair',
        params: VacancyParams,
        body: PanelBody,
        response: { 200: AdminVacancyDetail, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => interviews.setPanel(actorOf(request), request.params.id, request.body),
  );

  app.put(
    '/api/admin/applications/:id/slot',
    {
      config,
      schema: {
        tags,
        summary: "Schedule or move a candidate's interview",
        params: ApplicationParams,
        body: SlotBody,
        response: { 200: AdminVacancyDetail, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => interviews.setSlot(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/admin/applications/:id/absent',
    {
      config,
      schema: {
        tags,
        summary: 'Record that the candidate did not come to the interview',
        params: ApplicationParams,
        response: { 200: AdminVacancyDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => interviews.recordAbsence(actorOf(request), request.params.id),
  );

  app.get(
    '/api/interviews',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'My interview panels, their candidates and my own scores',
        response: { 200: PanelAssignmentList, ...errors(401, 403) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return interviews.assignments(request.auth!.user.id);
    },
  );

  app.post(
    '/api/interviews/applications/:id/scores',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Enter my scores for a candidate: final at once, and published as a commitment',
        params: ApplicationParams,
        body: ScoreBody,
        response: { 201: ScoreReceipt, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await interviews.enterScore(actorOf(request), request.params.id, request.body)),
  );
};
