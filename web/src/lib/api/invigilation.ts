import type {
  AssignedRoomsPage,
  IncidentPage,
  IncidentView,
  RoomView,
  SittingInvigilationView,
  UserListResponse,
} from '$api-types';
import { callApi, type ApiEvent } from './client';

export type Room = RoomView;
export type DoorCandidate = Room['candidates'][number];
export type AttendanceMark = NonNullable<DoorCandidate['attendance']>['mark'];
export type Incident = IncidentView;
export type IncidentKind = Incident['kind'];
export type Incidents = IncidentPage;
export type AssignedRooms = AssignedRoomsPage;
export type SittingInvigilation = SittingInvigilationView;

const room = (id: string) => `/api/invigilation/rooms/${encodeURIComponent(id)}`;
const sitting = (id: string) => `/api/admin/sittings/${encodeURIComponent(id)}`;

/** Exam-day rooms: the invigilator's and the administrator's calls. Server-side only. */
export function invigilationApi(event: ApiEvent) {
  return {
    myRooms: (page: number) =>
      callApi<AssignedRooms>(event, 'GET', '/api/invigilation/rooms', { query: { page: String(page) } }),
    room: (id: string) => callApi<Room>(event, 'GET', room(id)),
    mark: (id: string, body: { bookingId: string; mark: string; reason?: string }) =>
      callApi<Room>(event, 'POST', `${room(id)}/attendance`, { body }),
    report: (id: string, body: { kind: string; note: string; occurredAt?: string; bookingId?: string }) =>
      callApi<Incident>(event, 'POST', `${room(id)}/incidents`, { body }),
    invigilators: (sittingId: string) =>
      callApi<SittingInvigilation>(event, 'GET', `${sitting(sittingId)}/invigilators`),
    incidents: (sittingId: string, page: number) =>
      callApi<Incidents>(event, 'GET', `${sitting(sittingId)}/incidents`, { query: { page: String(page) } }),
    assign: (roomId: string, userId: string) =>
      callApi<SittingInvigilation>(event, 'POST', `/api/admin/rooms/${encodeURIComponent(roomId)}/invigilators`, {
        body: { userId },
      }),
    unassign: (roomId: string, userId: string) =>
      callApi<SittingInvigilation>(
        event,
        'DELETE',
        `/api/admin/rooms/${encodeURIComponent(roomId)}/invigilators/${encodeURIComponent(userId)}`,
      ),
    extend: (incidentId: string, body: { minutes: number; reason: string }) =>
      callApi<{ attempts: number }>(event, 'POST', `/api/admin/incidents/${encodeURIComponent(incidentId)}/extend`, {
        body,
      }),
    annul: (incidentId: string, body: { reason: string }) =>
      callApi<{ attempts: number }>(event, 'POST', `/api/admin/incidents/${encodeURIComponent(incidentId)}/annul`, {
        body,
      }),
  };
}

/** The sitting page's invigilation panels: who invigilates each room, the accounts to choose from, the incidents. */
export interface SittingInvigilationPanels {
  rooms: SittingInvigilation['rooms'];
  accounts: { id: string; fullName: string; email: string }[];
  incidents: Incidents;
}

/** Reads the panels' data; null when it could not be read (the sitting page still shows the rest). */
export async function loadSittingInvigilation(
  event: ApiEvent,
  sittingId: string,
  page = 1,
): Promise<SittingInvigilationPanels | null> {
  const api = invigilationApi(event);
  const [rooms, incidents, accounts] = await Promise.all([
    api.invigilators(sittingId),
    api.incidents(sittingId, page),
    callApi<UserListResponse>(event, 'GET', '/api/admin/users', { query: { role: 'invigilator', limit: 100 } }),
  ]);
  if (!rooms.ok || !incidents.ok) return null;
  return {
    rooms: rooms.data.rooms,
    incidents: incidents.data,
    accounts: accounts.ok ? accounts.data.items.map((u) => ({ id: u.id, fullName: u.fullName, email: u.email })) : [],
  };
}
