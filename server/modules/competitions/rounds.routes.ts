import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actionRoutes } from '../../http/actions';
import { operations } from '../../http/operation';
import { resourceRoutes } from '../../http/resource';
import { ADMINISTRATORS } from '../auth/access';
import { actorOf } from '../../actor';
import {
  AdminRound,
  AdminRoundList,
  PublicRound,
  PublicRoundList,
  PublicVacancy,
  RoundBody,
  RoundParams,
  VacancyBody,
  VacancyParams,
} from './rounds.schemas';
import type { RoundsService } from './rounds.service';

export const roundsRoutes: FastifyPluginAsyncTypebox<{ rounds: RoundsService }> = async (app, { rounds }) => {
  const operation = operations({ tags: ['competitions'], access: ADMINISTRATORS });

  app.get(
    '/api/competitions/rounds',
    operation({
      access: 'public',
      summary: 'Announced competition rounds with their vacancies, newest first',
      response: { 200: PublicRoundList },
    }),
    async () => rounds.publicRounds(),
  );

  app.get(
    '/api/competitions/rounds/:id',
    operation({
      access: 'public',
      summary: 'An announced round with its vacancies and log receipts',
      params: RoundParams,
      response: { 200: PublicRound },
    }),
    async (request) => rounds.publicRound(request.params.id),
  );

  resourceRoutes(app, operation, rounds, {
    path: '/api/admin/rounds',
    params: RoundParams,
    body: RoundBody,
    view: AdminRound,
    list: { view: AdminRoundList },
    summaries: {
      list: 'Every round, drafts too',
      create: 'Draft a round: its weights, interview rubric and application limit',
      get: 'A round',
      update: 'Change a draft round',
    },
  });

  app.post(
    '/api/admin/rounds/:id/vacancies',
    operation({
      summary: 'Add a vacancy to a draft round',
      params: RoundParams,
      body: VacancyBody,
      response: { 201: PublicVacancy },
      errors: [409, 413],
    }),
    async (request, reply) =>
      reply.status(201).send(await rounds.addVacancy(actorOf(request), request.params.id, request.body)),
  );

  resourceRoutes(
    app,
    operation,
    {
      update: (actor, id, input) => rounds.updateVacancy(actor, id, input),
      remove: (actor, id) => rounds.removeVacancy(actor, id),
    },
    {
      path: '/api/admin/vacancies',
      params: VacancyParams,
      body: VacancyBody,
      view: PublicVacancy,
      summaries: {
        update: 'Change a draft vacancy',
        remove: 'Remove a draft vacancy (an announced one can only be closed)',
      },
    },
  );

  const roundAction = actionRoutes(app, operation, {
    path: '/api/admin/rounds',
    params: RoundParams,
    view: AdminRound,
  });
  const vacancyAction = actionRoutes(app, operation, {
    path: '/api/admin/vacancies',
    params: VacancyParams,
    view: PublicVacancy,
  });

  roundAction('announce', {
    summary: 'Announce the round: publish it and every vacancy in the log; none can change afterwards',
    run: (actor, id) => rounds.announce(actor, id),
  });

  vacancyAction('close', {
    summary: 'Close an announced vacancy without appointment (published; it stays on the register)',
    run: (actor, id) => rounds.closeVacancy(actor, id),
  });
};
