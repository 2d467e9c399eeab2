import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { operations } from '../../http/operation';
import { ADMINISTRATORS } from '../auth/access';
import { actorOf } from '../../actor';
import { AgencyBody, AgencyListResponse, AgencyParams, AgencyView } from './agencies.schemas';
import type { AgenciesService } from './agencies.service';

export const agenciesRoutes: FastifyPluginAsyncTypebox<{ agencies: AgenciesService }> = async (app, { agencies }) => {
  const operation = operations({ tags: ['competitions'], access: ADMINISTRATORS });

  app.get(
    '/api/admin/agencies',
    operation({ summary: 'Agencies, by code', response: { 200: AgencyListResponse } }),
    async () => agencies.list(),
  );

  app.post(
    '/api/admin/agencies',
    operation({ summary: 'Add an agency', body: AgencyBody, response: { 201: AgencyView }, errors: [409, 413] }),
    async (request, reply) => reply.status(201).send(await agencies.create(actorOf(request), request.body)),
  );

  app.put(
    '/api/admin/agencies/:id',
    operation({
      summary: 'Rename an agency or change its code',
      params: AgencyParams,
      body: AgencyBody,
      response: { 200: AgencyView },
      errors: [409, 413],
    }),
    async (request) => agencies.update(actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/admin/agencies/:id',
    operation({
      summary: 'Remove an agency no vacancy names',
      params: AgencyParams,
      response: { 204: { type: 'null' } },
      errors: [409],
    }),
    async (request, reply) => {
      await agencies.remove(actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
};
