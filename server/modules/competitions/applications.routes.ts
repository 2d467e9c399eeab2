import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actionRoutes } from '../../http/actions';
import { operations } from '../../http/operation';
import { APPLICANTS } from '../auth/access';
import {
  ApplicationBody,
  ApplicationListResponse,
  ApplicationParams,
  ApplicationView,
  Eligibility,
} from './applications.schemas';
import type { ApplicationsService } from './applications.service';
import { VacancyParams } from './rounds.schemas';

export const applicationsRoutes: FastifyPluginAsyncTypebox<{ applications: ApplicationsService }> = async (
  app,
  { applications },
) => {
  const operation = operations({ tags: ['competitions'], access: APPLICANTS });

  app.get(
    '/api/competitions/vacancies/:id/eligibility',
    operation({
      summary: 'Whether I may apply to this vacancy, and if not, why',
      params: VacancyParams,
      response: { 200: Eligibility },
    }),
    async (request) => applications.eligibility(request.auth!.user.id, request.params.id),
  );

  app.post(
    '/api/applications',
    operation({
      summary: 'Apply to a vacancy on the strength of my certificate',
      body: ApplicationBody,
      response: { 201: ApplicationView },
      errors: [404, 409, 413],
    }),
    async (request, reply) =>
      reply.status(201).send(await applications.apply(request.auth!.user.id, request.body.vacancyId)),
  );

  app.get(
    '/api/applications',
    operation({
      summary: 'My applications with their interview slots, scores and outcome',
      response: { 200: ApplicationListResponse },
      cache: 'no-store',
    }),
    async (request) => applications.listOwn(request.auth!.user.id),
  );

  app.get(
    '/api/applications/:id',
    operation({
      summary: 'One of my applications',
      params: ApplicationParams,
      response: { 200: ApplicationView },
      cache: 'no-store',
    }),
    async (request) => applications.get(request.auth!.user.id, request.params.id),
  );

  const applicationAction = actionRoutes(app, operation, {
    path: '/api/applications',
    params: ApplicationParams,
    view: ApplicationView,
  });

  applicationAction('withdraw', {
    summary: 'Withdraw my application (until the day before the interview)',
    run: (actor, id) => applications.withdraw(actor.id, id),
  });
};
