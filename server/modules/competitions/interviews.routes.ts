import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actionRoutes } from '../../http/actions';
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

  const vacancyAction = actionRoutes(app, operation, {
    path: '/api/admin/vacancies',
    params: VacancyParams,
    view: AdminVacancyDetail,
  });
  const applicationAction = actionRoutes(app, operation, {
    path: '/api/admin/applications',
    params: ApplicationParams,
    view: AdminVacancyDetail,
  });

  vacancyAction('panel', {
    method: 'PUT',
    summary: 'Set the interview panel: at least three staff accounts, one of them the chair',
    body: PanelBody,
    errors: [413],
    run: (actor, id, body) => interviews.setPanel(actor, id, body),
  });

  applicationAction('slot', {
    method: 'PUT',
    summary: "Schedule or move a candidate's interview",
    body: SlotBody,
    errors: [413],
    run: (actor, id, body) => interviews.setSlot(actor, id, body),
  });

  applicationAction('absent', {
    summary: 'Record that the candidate did not come to the interview',
    run: (actor, id) => interviews.recordAbsence(actor, id),
  });

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
