import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { operations } from '../../http/operation';
import { ANY_ROLE } from '../auth/access';
import {
  MarkedResponse,
  NoticeLanguageBody,
  NoticeLanguageResponse,
  NoticeParams,
  NoticesQuery,
  NoticesResponse,
  UnreadResponse,
} from './notices.schemas';
import type { NoticesService } from './notices.service';

/** The signed-in account's own notices: every route reads and changes only the caller's. */
export const noticesRoutes: FastifyPluginAsyncTypebox<{ notices: NoticesService }> = async (app, { notices }) => {
  const operation = operations({ tags: ['notices'], access: ANY_ROLE });

  app.get(
    '/api/notices',
    operation({
      summary: 'Your notices, newest first, in the language asked for (your own by default)',
      querystring: NoticesQuery,
      response: { 200: NoticesResponse },
    }),
    async (request) =>
      notices.inbox(
        request.auth!.user.id,
        { offset: (request.query.page - 1) * request.query.limit, limit: request.query.limit },
        request.query.lang,
      ),
  );

  app.get(
    '/api/notices/unread',
    operation({
      summary: 'How many of your notices are unread (the count in the header)',
      response: { 200: UnreadResponse },
    }),
    async (request) => notices.unread(request.auth!.user.id),
  );

  app.post(
    '/api/notices/:id/read',
    operation({ summary: 'Mark one of your notices read', params: NoticeParams, response: { 200: MarkedResponse } }),
    async (request) => notices.markRead(request.auth!.user.id, request.params.id),
  );

  app.post(
    '/api/notices/read-all',
    operation({ summary: 'Mark all your notices read', response: { 200: MarkedResponse } }),
    async (request) => notices.markAllRead(request.auth!.user.id),
  );

  app.put(
    '/api/notices/language',
    operation({
      summary: 'The language your notices and their e-mails are written in (the interface language you chose)',
      body: NoticeLanguageBody,
      response: { 200: NoticeLanguageResponse },
    }),
    async (request) => notices.setLanguage(request.auth!.user.id, request.body.language),
  );
};
