import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actionRoutes } from '../../http/actions';
import { operations } from '../../http/operation';
import { ADMINISTRATORS } from '../auth/access';
import { AdminVacancyDetail, AppointmentBody, PublicVacancyDetail } from './appointments.schemas';
import type { AppointmentsService } from './appointments.service';
import { VacancyParams } from './rounds.schemas';

export const appointmentsRoutes: FastifyPluginAsyncTypebox<{ appointments: AppointmentsService }> = async (
  app,
  { appointments },
) => {
  const operation = operations({ tags: ['competitions'], access: ADMINISTRATORS });

  app.get(
    '/api/competitions/vacancies/:id',
    operation({
      access: 'public',
      summary: 'An announced vacancy with its published ranking, reserve list and appointments',
      params: VacancyParams,
      response: { 200: PublicVacancyDetail },
    }),
    async (request) => appointments.publicDetail(request.params.id),
  );

  const vacancyAction = actionRoutes(app, operation, {
    path: '/api/admin/vacancies',
    params: VacancyParams,
    view: AdminVacancyDetail,
  });

  vacancyAction('ranking', {
    summary: 'Publish the ranking and reserve list, revealing every committed score',
    run: (actor, id) => appointments.publishRanking(actor, id),
  });

  vacancyAction('appointments', {
    summary: 'Record an appointment, in ranked order (published with the names of appointee and official)',
    body: AppointmentBody,
    errors: [413],
    run: (actor, id, body) => appointments.appoint(actor, id, body.applicationId),
  });
};
