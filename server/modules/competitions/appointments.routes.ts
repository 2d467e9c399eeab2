import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { operations } from '../../http/operation';
import { ADMINISTRATORS } from '../auth/access';
import { actorOf } from '../../actor';
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

  app.post(
    '/api/admin/vacancies/:id/ranking',
    operation({
      summary: 'Publish the ranking and reserve list, revealing every committed score',
      params: VacancyParams,
      response: { 200: AdminVacancyDetail },
      errors: [409],
    }),
    async (request) => appointments.publishRanking(actorOf(request), request.params.id),
  );

  app.post(
    '/api/admin/vacancies/:id/appointments',
    operation({
      summary: 'Record an appointment, in ranked order (published with the names of appointee and official)',
      params: VacancyParams,
      body: AppointmentBody,
      response: { 200: AdminVacancyDetail },
      errors: [409, 413],
    }),
    async (request) => appointments.appoint(actorOf(request), request.params.id, request.body.applicationId),
  );
};
