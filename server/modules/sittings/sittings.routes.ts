import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors } from '../../schemas';
import { ADMINISTRATORS } from '../auth/access';
import { RosterResponse } from '../bookings/bookings.schemas';
import { AttemptParams, ExtendBody } from '../attempts/attempts.schemas';
import { actorOf } from '../../actor';
import {
  CancelSittingBody,
  PublicationReadiness,
  RescheduleBody,
  BoardResponse,
  CategoryListResponse,
  SittingBody,
  SittingListQuery,
  SittingListResponse,
  SittingParams,
  SittingView,
  SittingExtended,
  AttemptDeadlineView,
} from './sittings.schemas';
import type { SittingsService } from './sittings.service';

export const sittingsRoutes: FastifyPluginAsyncTypebox<{ sittings: SittingsService }> = async (app, { sittings }) => {
  const tags = ['sittings'];
  const config = { access: ADMINISTRATORS };

  app.get(
    '/api/categories',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Test categories and their hierarchy', response: { 200: CategoryListResponse } },
    },
    async () => sittings.categories(),
  );

  app.get(
    '/api/admin/sittings',
    {
      config,
      schema: {
        tags,
        summary: 'Sittings, newest first',
        querystring: SittingListQuery,
        response: { 200: SittingListResponse, ...errors(400, 401, 403) },
      },
    },
    async (request) => sittings.list(request.query.status),
  );

  app.post(
    '/api/admin/sittings',
    {
      config,
      schema: {
        tags,
        summary: 'Create a sitting with its rooms (in preparation until booking opens)',
        body: SittingBody,
        response: { 201: SittingView, ...errors(400, 401, 403, 409, 413) },
      },
    },
    async (request, reply) => reply.status(201).send(await sittings.create(actorOf(request), request.body)),
  );

  app.get(
    '/api/admin/sittings/:id',
    {
      config,
      schema: {
        tags,
        summary: 'A sitting',
        params: SittingParams,
        response: { 200: SittingView, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => sittings.get(request.params.id),
  );

  app.put(
    '/api/admin/sittings/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Edit a sitting still in preparation, rooms included',
        params: SittingParams,
        body: SittingBody,
        response: { 200: SittingView, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => sittings.update(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/admin/sittings/:id/reschedule',
    {
      config,
      schema: {
        tags,
        summary:
          'Move a sitting open for booking (or closed, not yet begun) to a new timetable; every booked candidate is told why',
        params: SittingParams,
        body: RescheduleBody,
        response: { 200: SittingView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => sittings.reschedule(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/admin/sittings/:id/cancel',
    {
      config,
      schema: {
        tags,
        summary: 'Cancel a sitting before it begins: its bookings are released and every booked candidate is told why',
        params: SittingParams,
        body: CancelSittingBody,
        response: { 200: SittingView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => sittings.cancel(actorOf(request), request.params.id, request.body.reason),
  );

  app.get(
    '/api/admin/sittings/:id/publication-readiness',
    {
      config,
      schema: {
        tags,
        summary: 'Who is still writing and until when, who is absent, and when publication becomes possible',
        params: SittingParams,
        response: { 200: PublicationReadiness, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return sittings.publicationReadiness(request.params.id);
    },
  );

  app.post(
    '/api/admin/sittings/:id/open-booking',
    {
      config,
      schema: {
        tags,
        summary: 'Open booking',
        params: SittingParams,
        response: { 200: SittingView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => sittings.openBooking(actorOf(request), request.params.id),
  );

  app.post(
    '/api/admin/sittings/:id/close-booking',
    {
      config,
      schema: {
        tags,
        summary: "Close booking: fix the roster and draw every candidate's paper",
        params: SittingParams,
        response: { 200: SittingView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => sittings.closeBooking(actorOf(request), request.params.id),
  );

  app.get(
    '/api/admin/sittings/:id/roster',
    {
      config,
      schema: {
        tags,
        summary: 'The booked candidates with their seats and accommodations',
        params: SittingParams,
        response: { 200: RosterResponse, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => sittings.roster(request.params.id),
  );

  app.get(
    '/api/admin/sittings/:id/board',
    {
      config,
      schema: {
        tags,
        summary: 'The live board: who has started, is in progress, has submitted',
        params: SittingParams,
        response: { 200: BoardResponse, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return sittings.board(request.params.id);
    },
  );

  app.post(
    '/api/admin/sittings/:id/extend',
    {
      config,
      schema: {
        tags,
        summary: 'Extend the time of everyone sitting this exam now, after an incident (one transaction, audited)',
        params: SittingParams,
        body: ExtendBody,
        response: { 200: SittingExtended, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      sittings.extendAll(actorOf(request), request.params.id, request.body.minutes, request.body.reason),
  );

  app.get(
    '/api/attempts/:id/deadline',
    {
      config: { access: ['applicant'] },
      schema: {
        tags: ['attempts'],
        summary: "My attempt's status and current deadline: the exam room polls this, not the whole paper",
        params: AttemptParams,
        response: { 200: AttemptDeadlineView, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return sittings.attemptDeadline(request.auth!.user.id, request.params.id);
    },
  );
};
