import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors } from '../../schemas';
import { ADMINISTRATORS } from '../auth/access';
import { OutboxQuery, OutboxResponse } from './mail.schemas';
import type { Outbox } from './outbox.service';

export const mailRoutes: FastifyPluginAsyncTypebox<{ outbox: Outbox }> = async (app, { outbox }) => {
  app.get(
    '/api/admin/outbox',
    {
      config: { access: ADMINISTRATORS },
      schema: {
        tags: ['administration'],
        summary: 'Mails written by the system, newest first: sent, waiting, or given up',
        querystring: OutboxQuery,
        response: { 200: OutboxResponse, ...errors(400, 401, 403) },
      },
    },
    async (request) =>
      outbox.list({ offset: (request.query.page - 1) * request.query.limit, limit: request.query.limit }),
  );
};
