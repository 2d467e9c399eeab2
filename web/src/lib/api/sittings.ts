import type { Static } from '@sinclair/typebox';
import type {
  AccommodationBody,
  AnnulBody,
  BoardCandidate as BoardCandidateSchema,
  BoardResponse,
  CancelSittingBody,
  CategoryListResponse,
  ExtendBody,
  MoveBookingBody,
  PublicationReadiness,
  RescheduleBody,
  RosterEntry as RosterEntrySchema,
  RosterResponse,
  SittingBody,
  SittingChangeView,
  SittingListQuery,
  SittingListResponse,
  SittingView,
} from '$api-types';
import type { Blueprint } from './bank';
import { callApi, type ApiEvent } from './client';

export type Sitting = SittingView;
export type SittingInput = SittingBody;
export type SittingStatus = Sitting['status'];
export type SittingPhase = Sitting['phase'];
export type Category = Static<typeof CategoryListResponse>[number];
export type Board = BoardResponse;
export type BoardCandidate = Static<typeof BoardCandidateSchema>;
export type BoardState = BoardCandidate['state'];
export type RosterEntry = Static<typeof RosterEntrySchema>;
export type Roster = Static<typeof RosterResponse>;
export type Accommodation = Static<typeof AccommodationBody>;
export type Extension = Static<typeof ExtendBody>;
export type Annulment = Static<typeof AnnulBody>;
export type Reschedule = Static<typeof RescheduleBody>;
export type Cancellation = Static<typeof CancelSittingBody>;
export type Move = Static<typeof MoveBookingBody>;
export type SittingChange = SittingChangeView;
export type Readiness = PublicationReadiness;
/** Separate room, large print, reader, scribe, rest breaks. */
export type AccommodationKind = RosterEntry['accommodations'][number];

export { SITTING_STATUSES, isSittingStatus } from '$lib/components/sittings/statuses';

const sitting = (id: string) => `/api/admin/sittings/${encodeURIComponent(id)}`;

/** Sittings, their rosters and the live board, as this administrator's request may call them. Server-side only. */
export function sittingsApi(event: ApiEvent) {
  return {
    categories: () => callApi<Category[]>(event, 'GET', '/api/categories'),
    blueprints: () => callApi<Blueprint[]>(event, 'GET', '/api/blueprints', { query: { archived: 'false' } }),
    list: (query: Static<typeof SittingListQuery>) =>
      callApi<Static<typeof SittingListResponse>>(event, 'GET', '/api/admin/sittings', { query }),
    create: (body: SittingInput) => callApi<Sitting>(event, 'POST', '/api/admin/sittings', { body }),
    get: (id: string) => callApi<Sitting>(event, 'GET', sitting(id)),
    update: (id: string, body: SittingInput) => callApi<Sitting>(event, 'PUT', sitting(id), { body }),
    reschedule: (id: string, body: Reschedule) =>
      callApi<Sitting>(event, 'POST', `${sitting(id)}/reschedule`, { body }),
    cancel: (id: string, body: Cancellation) => callApi<Sitting>(event, 'POST', `${sitting(id)}/cancel`, { body }),
    readiness: (id: string) => callApi<Readiness>(event, 'GET', `${sitting(id)}/publication-readiness`),
    move: (bookingId: string, body: Move) =>
      callApi<RosterEntry>(event, 'POST', `/api/admin/bookings/${encodeURIComponent(bookingId)}/move`, { body }),
    openBooking: (id: string) => callApi<Sitting>(event, 'POST', `${sitting(id)}/open-booking`, { body: {} }),
    closeBooking: (id: string) => callApi<Sitting>(event, 'POST', `${sitting(id)}/close-booking`, { body: {} }),
    roster: (id: string) => callApi<Roster>(event, 'GET', `${sitting(id)}/roster`),
    board: (id: string) => callApi<Board>(event, 'GET', `${sitting(id)}/board`),
    grantAccommodation: (bookingId: string, body: Accommodation) =>
      callApi<RosterEntry>(event, 'PUT', `/api/admin/bookings/${encodeURIComponent(bookingId)}/accommodation`, {
        body,
      }),
    extend: (attemptId: string, body: Extension) =>
      callApi<BoardCandidate>(event, 'POST', `/api/admin/attempts/${encodeURIComponent(attemptId)}/extend`, { body }),
    annul: (attemptId: string, body: Annulment) =>
      callApi<BoardCandidate>(event, 'POST', `/api/admin/attempts/${encodeURIComponent(attemptId)}/annul`, { body }),
  };
}
