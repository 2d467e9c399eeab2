import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { operations } from '../../http/operation';
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
  const operation = operations({ tags: ['competitions'], access: ADMINISTRATORS });

  app.get(
    '/api/admin/vacancies/:id',
    operation({
      summary: 'A vacancy with its panel, applications, slots, scores, ranking and appointments',
      params: VacancyParams,
      response: { 200: AdminVacancyDetail },
      cache: 'no-store',
    }),
    async (request) => interviews.adminDetail(request.params.id),
  );

  app.put(
    '/api/admin/vacancies/:id/panel',
    operation({
      summary: 'Set the interview panel: at least three staff accounts, one of them the chair',
      params: VacancyParams,
      body: PanelBody,
      response: { 200: AdminVacancyDetail },
      errors: [409, 413],
    }),
    async (request) => interviews.setPanel(actorOf(request), request.params.id, request.body),
  );

  app.put(
    '/api/admin/applications/:id/slot',
    operation({
      summary: "Schedule or move a candidate's interview",
      params: ApplicationParams,
      body: SlotBody,
      response: { 200: AdminVacancyDetail },
      errors: [409, 413],
    }),
    async (request) => interviews.setSlot(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/admin/applications/:id/absent',
    operation({
      summary: 'Record that the candidate did not come to the interview',
      params: ApplicationParams,
      response: { 200: AdminVacancyDetail },
      errors: [409],
    }),
    async (request) => interviews.recordAbsence(actorOf(request), request.params.id),
  );

  app.get(
    '/api/interviews',
    operation({
      access: STAFF,
      summary: 'My interview panels, their candidates and my own scores',
      response: { 200: PanelAssignmentList },
      cache: 'no-store',
    }),
    async (request) => interviews.assignments(request.auth!.user.id),
  );

  app.post(
    '/api/interviews/applications/:id/scores',
    operation({
      access: STAFF,
      summary: 'Enter my scores for a candidate: final at once, and published as a commitment',
      params: ApplicationParams,
      body: ScoreBody,
      response: { 201: ScoreReceipt },
      errors: [409, 413],
    }),
    async (request, reply) =>
      reply.status(201).send(await interviews.enterScore(actorOf(request), request.params.id, request.body)),
  );
};
