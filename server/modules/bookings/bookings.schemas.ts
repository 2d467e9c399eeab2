import { Type, type Static } from '@sinclair/typebox';
import { LanguageSchema, LocalisedSchema, Uuid } from '../../schemas';
import { ACCOMMODATIONS } from '../../../db/schema/index';
import { SittingChangeView } from '../sittings/sittings.schemas';

/** Accommodations other than extra time: separate room, large print, a reader, a scribe, rest breaks. */
export const AccommodationSchema = Type.Union(ACCOMMODATIONS.map((a) => Type.Literal(a)));
export const AccommodationList = Type.Array(AccommodationSchema, {
  uniqueItems: true,
  maxItems: ACCOMMODATIONS.length,
});

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
  accommodations: AccommodationList,
  /**
   * The centre's latest change to the sitting since this booking was made (rescheduled or cancelled),
   * with its reason; null when there was none.
   */
  sittingChange: Type.Union([SittingChangeView, Type.Null()]),
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

/** Administrator: extra time and other accommodations for one candidate, with the reason recorded. */
export const AccommodationBody = Type.Object(
  {
    extraTimePercent: Type.Integer({ minimum: 0, maximum: 200 }),
    reason: Type.String({ minLength: 3, maxLength: 500 }),
    accommodations: Type.Optional(AccommodationList),
    /** What the room's staff should know beyond the typed set (which breaks, how long). */
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type AccommodationBody = Static<typeof AccommodationBody>;

/** Administrator: a candidate to another room or seat of the same sitting (the first free seat if none given). */
export const MoveBookingBody = Type.Object(
  {
    roomId: Uuid,
    seat: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  },
  { additionalProperties: false },
);

/** The roster as administrators see it: a booking with the candidate's name and accommodation. */
export const RosterEntry = Type.Object({
  bookingId: Type.String(),
  candidateCode: Type.String(),
  fullName: Type.String(),
  roomId: Type.String(),
  room: Type.String(),
  seat: Type.Integer(),
  extraTimePercent: Type.Integer(),
  accommodationReason: Type.Union([Type.String(), Type.Null()]),
  accommodations: AccommodationList,
  accommodationNote: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('active'), Type.Literal('cancelled')]),
});
export type RosterEntry = Static<typeof RosterEntry>;
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
