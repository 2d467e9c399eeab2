import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actionRoutes } from '../../http/actions';
import { operations } from '../../http/operation';
import { ADMINISTRATORS, APPLICANTS } from '../auth/access';
import { SittingParams, OpenSittingListResponse } from '../sittings/sittings.schemas';
import {
  AccommodationBody,
  BookingListResponse,
  BookingParams,
  BookingView,
  MoveBookingBody,
  RosterEntry,
  TicketCheckResponse,
  TicketParams,
} from './bookings.schemas';
import type { BookingsService } from './bookings.service';
import { StartResponse } from '../attempts/attempts.schemas';
import type { AttemptsService } from '../attempts/attempts.service';
import { renderTicketPdf } from './ticket-pdf';
import { pdfRoute } from '../documents/pdf-route';

/**
 * `publicUrl` is the configured public address: a ticket's check link never comes from the request's Host.
 * Starting the exam of a booking is the attempts service's step, declared here where its path lives.
 */
export const bookingsRoutes: FastifyPluginAsyncTypebox<{
  bookings: BookingsService;
  attempts: Pick<AttemptsService, 'start'>;
  publicUrl: string;
}> = async (app, { bookings, attempts, publicUrl }) => {
  const operation = operations({ tags: ['bookings'], access: APPLICANTS });

  app.get(
    '/api/sittings/open',
    operation({
      summary: 'Sittings open for booking, with seats left',
      response: { 200: OpenSittingListResponse },
    }),
    async (request) => bookings.openSittings(request.auth!.user.id),
  );

  app.post(
    '/api/sittings/:id/bookings',
    operation({
      summary: 'Book a seat in a sitting',
      params: SittingParams,
      response: { 201: BookingView },
      errors: [409],
    }),
    async (request, reply) => reply.status(201).send(await bookings.book(request.auth!.user.id, request.params.id)),
  );

  app.get(
    '/api/bookings',
    operation({
      summary: 'My bookings, newest first',
      response: { 200: BookingListResponse },
    }),
    async (request) => bookings.listOwn(request.auth!.user.id),
  );

  app.get(
    '/api/bookings/:id',
    operation({
      summary: 'One of my bookings',
      params: BookingParams,
      response: { 200: BookingView },
    }),
    async (request) => bookings.getOwn(request.auth!.user.id, request.params.id),
  );

  const bookingAction = actionRoutes(app, operation, {
    path: '/api/bookings',
    params: BookingParams,
    view: BookingView,
  });

  bookingAction('cancel', {
    summary: 'Cancel my booking (before the booking deadline)',
    run: (actor, id) => bookings.cancel(actor.id, id),
  });

  app.post(
    '/api/bookings/:id/start',
    operation({
      tags: ['attempts'],
      summary: 'Start the exam of my booking: the deadline is fixed now (a second start returns the first)',
      params: BookingParams,
      response: { 200: StartResponse },
      errors: [409],
    }),
    async (request) => attempts.start(request.auth!.user.id, request.params.id),
  );

  pdfRoute(app, operation, {
    path: '/api/bookings/:id/ticket.pdf',
    summary: 'My admission ticket as a PDF',
    params: BookingParams,
    errors: [409],
    print: async (request, language) => {
      const { token, ticket } = await bookings.ticket(request.auth!.user.id, request.params.id, language);
      const pdf = await renderTicketPdf(ticket, language, `${publicUrl}/tickets/${token}`);
      return { filename: `imtahan-ticket-${ticket.candidateCode}.pdf`, pdf };
    },
  });

  app.get(
    '/api/tickets/:token',
    operation({
      access: 'public',
      summary: 'Check an admission ticket (the QR code on it leads here)',
      params: TicketParams,
      response: { 200: TicketCheckResponse },
    }),
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return bookings.checkTicket(request.params.token);
    },
  );

  const rosterAction = actionRoutes(app, operation, {
    path: '/api/admin/bookings',
    params: BookingParams,
    view: RosterEntry,
    access: ADMINISTRATORS,
  });

  rosterAction('accommodation', {
    method: 'PUT',
    summary:
      "Grant a candidate's accommodations (extra time the shift must honour; separate room, large print, reader, scribe, rest breaks), with the reason",
    body: AccommodationBody,
    run: (actor, id, body) => bookings.grantAccommodation(actor, id, body),
  });

  rosterAction('move', {
    summary: 'Move a candidate to another room or seat of the same sitting (the first free seat if none given)',
    body: MoveBookingBody,
    run: (actor, id, body) => bookings.move(actor, id, body.roomId, body.seat),
  });
};
