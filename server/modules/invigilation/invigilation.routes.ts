import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actionRoutes } from '../../http/actions';
import { operations } from '../../http/operation';
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../actor';
import { ADMINISTRATORS, ROOM_STAFF } from '../auth/access';
import { AnnulBody, ExtendBody } from '../attempts/attempts.schemas';
import { pdfRoute } from '../documents/pdf-route';
import { SittingParams } from '../sittings/sittings.schemas';
import {
  AssignedRoomsPage,
  AssignInvigilatorBody,
  IncidentActionResult,
  IncidentPage,
  IncidentParams,
  IncidentView,
  MarkAttendanceBody,
  PageQuery,
  ReportIncidentBody,
  RoomInvigilatorParams,
  RoomParams,
  RoomView,
  SittingInvigilationView,
} from './invigilation.schemas';
import type { InvigilationService, RoomCaller, RoomDocumentKind } from './invigilation.service';
import { renderRoomDocument } from './room-pdf';

/** The caller on a room route, with the role that decides which rooms they reach. */
const roomCaller = (request: FastifyRequest): RoomCaller => ({
  ...actorOf(request),
  role: request.auth!.user.role,
});

const DOCUMENTS: { path: string; kind: RoomDocumentKind; summary: string }[] = [
  { path: 'roster.pdf', kind: 'roster', summary: "The room's roster for identity checks at the door, as a PDF" },
  { path: 'attendance.pdf', kind: 'attendance', summary: "The room's attendance sheet with signature boxes" },
  { path: 'seat-plan.pdf', kind: 'seat-plan', summary: "The room's seat plan" },
];

/**
 * Exam-day rooms. Room routes are for the room's staff: an administrator, or an invigilator assigned to
 * the room (checked per room by the service; any other room is "not found"). Assignments and the
 * follow-ups of incidents are for administrators.
 */
export const invigilationRoutes: FastifyPluginAsyncTypebox<{ invigilation: InvigilationService }> = async (
  app,
  { invigilation },
) => {
  const operation = operations({ tags: ['invigilation'], access: ADMINISTRATORS });

  app.get(
    '/api/invigilation/rooms',
    operation({
      access: ['invigilator'],
      summary: 'The rooms I invigilate, latest sitting first',
      querystring: PageQuery,
      response: { 200: AssignedRoomsPage },
    }),
    async (request) => invigilation.assignedRooms(roomCaller(request), request.query.page),
  );

  app.get(
    '/api/invigilation/rooms/:id',
    operation({
      access: ROOM_STAFF,
      summary: 'A room on exam day: the door list with attendance, the live board and incidents',
      params: RoomParams,
      response: { 200: RoomView },
      cache: 'no-store',
    }),
    async (request) => invigilation.roomView(roomCaller(request), request.params.id),
  );

  app.post(
    '/api/invigilation/rooms/:id/attendance',
    operation({
      access: ROOM_STAFF,
      summary: 'Mark a candidate at the door: present, absent or turned away (a later mark corrects; audited)',
      params: RoomParams,
      body: MarkAttendanceBody,
      response: { 200: RoomView },
      errors: [409],
    }),
    async (request) => invigilation.markAttendance(roomCaller(request), request.params.id, request.body),
  );

  app.post(
    '/api/invigilation/rooms/:id/incidents',
    operation({
      access: ROOM_STAFF,
      summary: 'Record an incident in the room, optionally about one candidate (audited)',
      params: RoomParams,
      body: ReportIncidentBody,
      response: { 201: IncidentView },
      errors: [409],
    }),
    async (request, reply) =>
      reply.status(201).send(await invigilation.reportIncident(roomCaller(request), request.params.id, request.body)),
  );

  for (const document of DOCUMENTS) {
    pdfRoute(app, operation, {
      path: `/api/invigilation/rooms/:id/${document.path}`,
      access: ROOM_STAFF,
      summary: `${document.summary} (audited)`,
      params: RoomParams,
      print: async (request, language) => {
        const input = await invigilation.roomDocument(roomCaller(request), request.params.id, document.kind);
        const pdf = await renderRoomDocument(document.kind, input, language);
        return { filename: `imtahan-${document.kind}-${input.sittingCode}.pdf`, pdf };
      },
    });
  }

  app.get(
    '/api/admin/sittings/:id/invigilators',
    operation({
      summary: "Who invigilates each of the sitting's rooms",
      params: SittingParams,
      response: { 200: SittingInvigilationView },
    }),
    async (request) => invigilation.sittingInvigilation(request.params.id),
  );

  const roomAction = actionRoutes(app, operation, {
    path: '/api/admin/rooms',
    params: RoomParams,
    view: SittingInvigilationView,
  });

  roomAction('invigilators', {
    summary: 'Assign an invigilator to a room (audited)',
    body: AssignInvigilatorBody,
    run: (actor, id, body) => invigilation.assign(actor, id, body.userId),
  });

  app.delete(
    '/api/admin/rooms/:id/invigilators/:userId',
    operation({
      summary: 'Take an invigilator off a room (audited)',
      params: RoomInvigilatorParams,
      response: { 200: SittingInvigilationView },
    }),
    async (request) => invigilation.unassign(actorOf(request), request.params.id, request.params.userId),
  );

  app.get(
    '/api/admin/sittings/:id/incidents',
    operation({
      summary: "The incidents recorded in the sitting's rooms, latest first",
      params: SittingParams,
      querystring: PageQuery,
      response: { 200: IncidentPage },
    }),
    async (request) => invigilation.sittingIncidents(request.params.id, request.query.page),
  );

  const incidentAction = actionRoutes(app, operation, {
    path: '/api/admin/incidents',
    params: IncidentParams,
    view: IncidentActionResult,
  });

  incidentAction('extend', {
    summary: "More time after an incident: its candidate's attempt, or every running attempt of its room",
    body: ExtendBody,
    run: (actor, id, body) => invigilation.extendFromIncident(actor, id, body.minutes, body.reason),
  });

  incidentAction('annul', {
    summary: 'Annul the attempt of the candidate an incident names (audited with the incident)',
    body: AnnulBody,
    run: (actor, id, body) => invigilation.annulFromIncident(actor, id, body.reason),
  });
};
