import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
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

  app.get(
    '/api/admin/rounds',
    operation({ summary: 'Every round, drafts too', response: { 200: AdminRoundList } }),
    async () => rounds.list(),
  );

  resourceRoutes(app, operation, rounds, {
    path: '/api/admin/rounds',
    params: RoundParams,
    body: RoundBody,
    view: AdminRound,
    summaries: {
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

  app.put(
    '/api/admin/vacancies/:id',
    operation({
      summary: 'Change a draft vacancy',
      params: VacancyParams,
      body: VacancyBody,
      response: { 200: PublicVacancy },
      errors: [409, 413],
    }),
    async (request) => rounds.updateVacancy(actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/admin/vacancies/:id',
    operation({
      summary: 'Remove a draft vacancy (an announced one can only be closed)',
      params: VacancyParams,
      response: { 204: { type: 'null' } },
      errors: [409],
    }),
    async (request, reply) => {
      await rounds.removeVacancy(actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/admin/rounds/:id/announce',
    operation({
      summary: 'Announce the round: publish it and every vacancy in the log; none can change afterwards',
      params: RoundParams,
      response: { 200: AdminRound },
      errors: [409],
    }),
    async (request) => rounds.announce(actorOf(request), request.params.id),
  );

  app.post(
    '/api/admin/vacancies/:id/close',
    operation({
      summary: 'Close an announced vacancy without appointment (published; it stays on the register)',
      params: VacancyParams,
      response: { 200: PublicVacancy },
      errors: [409],
    }),
    async (request) => rounds.closeVacancy(actorOf(request), request.params.id),
  );
};
