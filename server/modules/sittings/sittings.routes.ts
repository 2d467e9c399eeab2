import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actionRoutes } from '../../http/actions';
import { operations } from '../../http/operation';
import { resourceRoutes } from '../../http/resource';
import { ADMINISTRATORS, APPLICANTS } from '../auth/access';
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
  const operation = operations({ tags: ['sittings'], access: ADMINISTRATORS });

  app.get(
    '/api/categories',
    operation({
      access: 'public',
      summary: 'Test categories and their hierarchy',
      response: { 200: CategoryListResponse },
    }),
    async () => sittings.categories(),
  );

  resourceRoutes(app, operation, sittings, {
    path: '/api/admin/sittings',
    params: SittingParams,
    body: SittingBody,
    view: SittingView,
    list: { view: SittingListResponse, querystring: SittingListQuery },
    summaries: {
      list: 'Sittings, newest first',
      create: 'Create a sitting with its rooms (in preparation until booking opens)',
      get: 'A sitting',
      update: 'Edit a sitting still in preparation, rooms included',
    },
  });

  const sittingAction = actionRoutes(app, operation, {
    path: '/api/admin/sittings',
    params: SittingParams,
    view: SittingView,
  });

  sittingAction('reschedule', {
    summary:
      'Move a sitting open for booking (or closed, not yet begun) to a new timetable; every booked candidate is told why',
    body: RescheduleBody,
    run: (actor, id, body) => sittings.reschedule(actor, id, body),
  });

  sittingAction('cancel', {
    summary: 'Cancel a sitting before it begins: its bookings are released and every booked candidate is told why',
    body: CancelSittingBody,
    run: (actor, id, body) => sittings.cancel(actor, id, body.reason),
  });

  app.get(
    '/api/admin/sittings/:id/publication-readiness',
    operation({
      summary: 'Who is still writing and until when, who is absent, and when publication becomes possible',
      params: SittingParams,
      response: { 200: PublicationReadiness },
      cache: 'no-store',
    }),
    async (request) => sittings.publicationReadiness(request.params.id),
  );

  sittingAction('open-booking', { summary: 'Open booking', run: (actor, id) => sittings.openBooking(actor, id) });

  sittingAction('close-booking', {
    summary: "Close booking: fix the roster and draw every candidate's paper",
    run: (actor, id) => sittings.closeBooking(actor, id),
  });

  app.get(
    '/api/admin/sittings/:id/roster',
    operation({
      summary: 'The booked candidates with their seats and accommodations',
      params: SittingParams,
      response: { 200: RosterResponse },
    }),
    async (request) => sittings.roster(request.params.id),
  );

  app.get(
    '/api/admin/sittings/:id/board',
    operation({
      summary: 'The live board: who has started, is in progress, has submitted',
      params: SittingParams,
      response: { 200: BoardResponse },
      cache: 'no-store',
    }),
    async (request) => sittings.board(request.params.id),
  );

  app.post(
    '/api/admin/sittings/:id/extend',
    operation({
      summary: 'Extend the time of everyone sitting this exam now, after an incident (one transaction, audited)',
      params: SittingParams,
      body: ExtendBody,
      response: { 200: SittingExtended },
      errors: [409],
    }),
    async (request) =>
      sittings.extendAll(actorOf(request), request.params.id, request.body.minutes, request.body.reason),
  );

  app.get(
    '/api/attempts/:id/deadline',
    operation({
      access: APPLICANTS,
      tags: ['attempts'],
      summary: "My attempt's status and current deadline: the exam room polls this, not the whole paper",
      params: AttemptParams,
      response: { 200: AttemptDeadlineView },
      cache: 'no-store',
    }),
    async (request) => sittings.attemptDeadline(request.auth!.user.id, request.params.id),
  );
};
