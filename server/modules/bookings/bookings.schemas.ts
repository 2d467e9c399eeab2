import { Type, type Static } from '@sinclair/typebox';
import { LanguageSchema, LocalisedSchema, Uuid } from '../../schemas';

const Timestamp = Type.String({ format: 'date-time' });

export const BookingParams = Type.Object({ id: Uuid });
export const TicketParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$' }) });

/** An applicant's booking, with what they may do with it now. */
export const BookingView = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('cancelled')]),
  candidateCode: Type.String(),
  sittingId: Type.String(),
  sittingCode: Type.String(),
  categoryCode: Type.String(),
  categoryName: LocalisedSchema,
  mode: Type.Union([Type.Literal('centre'), Type.Literal('online')]),
  language: LanguageSchema,
  durationMinutes: Type.Integer(),
  startsAt: Timestamp,
  entryClosesAt: Timestamp,
  endsAt: Timestamp,
  bookingClosesAt: Timestamp,
  arrivalAt: Timestamp,
  room: Type.String(),
  seat: Type.Integer(),
  extraTimePercent: Type.Integer(),
  /** The attempt once the paper is drawn; null before booking closes. */
  attemptId: Type.Union([Type.String(), Type.Null()]),
  attemptStatus: Type.Union([
    Type.Literal('ready'),
    Type.Literal('started'),
    Type.Literal('submitted'),
    Type.Literal('annulled'),
    Type.Null(),
  ]),
  canCancel: Type.Boolean(),
  canStart: Type.Boolean(),
  createdAt: Timestamp,
});
export type BookingView = Static<typeof BookingView>;
export const BookingListResponse = Type.Array(BookingView);

/** Administrator: extra time for one candidate, with the reason recorded. */
export const AccommodationBody = Type.Object(
  {
    extraTimePercent: Type.Integer({ minimum: 0, maximum: 200 }),
    reason: Type.String({ minLength: 3, maxLength: 500 }),
  },
  { additionalProperties: false },
);

/** The roster as administrators see it: a booking with the candidate's name and accommodation. */
export const RosterEntry = Type.Object({
  bookingId: Type.String(),
  candidateCode: Type.String(),
  fullName: Type.String(),
  room: Type.String(),
  seat: Type.Integer(),
  extraTimePercent: Type.Integer(),
  accommodationReason: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('active'), Type.Literal('cancelled')]),
});
export const RosterResponse = Type.Array(RosterEntry);

/** The public ticket check behind the ticket's QR code: no national ID, no contact details. */
export const TicketCheckResponse = Type.Object({
  valid: Type.Boolean(),
  status: Type.Union([Type.Literal('active'), Type.Literal('cancelled')]),
  candidateCode: Type.String(),
  /** The name, so an invigilator can compare it with the identity document. */
  fullName: Type.String(),
  sittingCode: Type.String(),
  categoryCode: Type.String(),
  startsAt: Timestamp,
  arrivalAt: Timestamp,
  room: Type.String(),
  seat: Type.Integer(),
});
export type TicketCheckResponse = Static<typeof TicketCheckResponse>;
