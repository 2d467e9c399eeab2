import type { Static } from '@sinclair/typebox';
import type {
  Answer,
  AttemptItemView as AttemptItemViewSchema,
  AttemptView as AttemptViewSchema,
  BookingView as BookingViewSchema,
  OpenSittingView as OpenSittingViewSchema,
  ResultView as ResultViewSchema,
  SaveAck as SaveAckSchema,
  SaveAnswerBody as SaveAnswerBodySchema,
  SavedAnswerView as SavedAnswerViewSchema,
  StartResponse as StartResponseSchema,
} from '$api-types';
import { callApi, type ApiEvent } from './client';

export type OpenSitting = Static<typeof OpenSittingViewSchema>;
export type Booking = Static<typeof BookingViewSchema>;
export type StartResponse = Static<typeof StartResponseSchema>;
/**
 * The scoring core's answer. The API's schema is not read for it: its static type merges the two shapes
 * into one object with both fields optional.
 */
export type { Answer };
type WithAnswer<T> = Omit<T, 'answer'> & { answer: Answer | null };
export type SavedAnswer = WithAnswer<Static<typeof SavedAnswerViewSchema>>;
export type AttemptView = Omit<Static<typeof AttemptViewSchema>, 'answers'> & { answers: SavedAnswer[] };
export type AttemptSection = AttemptView['sections'][number];
export type AttemptItem = Static<typeof AttemptItemViewSchema>;
export type SaveAnswerBody = WithAnswer<Static<typeof SaveAnswerBodySchema>>;
export type SaveAck = Static<typeof SaveAckSchema>;
export type ResultView = Static<typeof ResultViewSchema>;
export type Score = NonNullable<ResultView['score']>;

const booking = (id: string) => `/api/bookings/${encodeURIComponent(id)}`;
const attempt = (id: string) => `/api/attempts/${encodeURIComponent(id)}`;

/**
 * Sittings, bookings and attempts as this browser's request may call them. Server-side only: the
 * exam room's autosave and submit go from the browser straight to the API (see `$lib/exam`).
 */
export function examApi(event: ApiEvent) {
  return {
    openSittings: () => callApi<OpenSitting[]>(event, 'GET', '/api/sittings/open'),
    book: (sittingId: string) =>
      callApi<Booking>(event, 'POST', `/api/sittings/${encodeURIComponent(sittingId)}/bookings`, { body: {} }),
    bookings: () => callApi<Booking[]>(event, 'GET', '/api/bookings'),
    booking: (id: string) => callApi<Booking>(event, 'GET', booking(id)),
    cancel: (id: string) => callApi<Booking>(event, 'POST', `${booking(id)}/cancel`, { body: {} }),
    start: (id: string) => callApi<StartResponse>(event, 'POST', `${booking(id)}/start`, { body: {} }),
    attempt: (id: string) => callApi<AttemptView>(event, 'GET', attempt(id)),
    result: (id: string) => callApi<ResultView>(event, 'GET', `${attempt(id)}/result`),
  };
}

/** The domain code of a 409 (`booking.closed`, `attempt.deadline_passed` …), if the API gave one. */
export function conflictCode(error: { code: string; fields?: { code: string }[] | undefined }): string | null {
  return error.code === 'CONFLICT' ? (error.fields?.[0]?.code ?? null) : null;
}
