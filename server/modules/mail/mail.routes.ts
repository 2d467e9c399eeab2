import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { operations } from '../../http/operation';
import { ADMINISTRATORS } from '../auth/access';
import { OutboxQuery, OutboxResponse } from './mail.schemas';
import type { Outbox } from './outbox.service';

export const mailRoutes: FastifyPluginAsyncTypebox<{ outbox: Outbox }> = async (app, { outbox }) => {
  const operation = operations({ tags: ['administration'], access: ADMINISTRATORS });

  app.get(
    '/api/admin/outbox',
    operation({
      summary: 'Mails written by the system, newest first: sent, waiting, or given up',
      querystring: OutboxQuery,
      response: { 200: OutboxResponse },
    }),
    async (request) =>
      outbox.list({ offset: (request.query.page - 1) * request.query.limit, limit: request.query.limit }),
  );
};
