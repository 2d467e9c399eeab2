import { Type, type Static } from '@sinclair/typebox';
import { LanguageSchema, LocalisedSchema, Uuid } from '../../schemas';

const Timestamp = Type.String({ format: 'date-time' });
const CategoryCode = Type.String({ pattern: '^[A-Z]{1,4}$' });

export const CategoryView = Type.Object({
  code: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  name: LocalisedSchema,
  rank: Type.Integer(),
});
export const CategoryListResponse = Type.Array(CategoryView);

export const RoomBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    capacity: Type.Integer({ minimum: 1, maximum: 10_000 }),
  },
  { additionalProperties: false },
);

export const SittingBody = Type.Object(
  {
    /** Printed on tickets; letters, digits and dashes, e.g. `2026-12-15-10`. */
    code: Type.String({ pattern: '^[A-Za-z0-9-]{3,40}$' }),
    categoryCode: CategoryCode,
    blueprintId: Uuid,
    mode: Type.Union([Type.Literal('centre'), Type.Literal('online')]),
    startsAt: Timestamp,
    entryClosesAt: Timestamp,
    endsAt: Timestamp,
    bookingClosesAt: Timestamp,
    arrivalMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 240 })),
    /** At least one room; an online sitting has exactly one, its seat limit. */
    rooms: Type.Array(RoomBody, { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type SittingBody = Static<typeof SittingBody>;

export const SittingParams = Type.Object({ id: Uuid });

const SittingStatusSchema = Type.Union([
  Type.Literal('draft'),
  Type.Literal('booking'),
  Type.Literal('closed'),
  Type.Literal('cancelled'),
]);

/** A sitting's timetable before or after a change. */
export const SittingTimesView = Type.Object({
  startsAt: Timestamp,
  entryClosesAt: Timestamp,
  endsAt: Timestamp,
  bookingClosesAt: Timestamp,
});

/** A rescheduling or a cancellation, with the reason every booked candidate was given. */
export const SittingChangeView = Type.Object({
  kind: Type.Union([Type.Literal('rescheduled'), Type.Literal('cancelled')]),
  reason: Type.String(),
  changedAt: Timestamp,
  previous: SittingTimesView,
  next: Type.Union([SittingTimesView, Type.Null()]),
  /** How many booked candidates were told (and moved, or released). */
  bookings: Type.Integer(),
});
export type SittingChangeView = Static<typeof SittingChangeView>;

const Reason = Type.String({ minLength: 3, maxLength: 1000 });

/** A new timetable for a sitting candidates may have booked, and why: they are all told. */
export const RescheduleBody = Type.Object(
  {
    startsAt: Timestamp,
    entryClosesAt: Timestamp,
    endsAt: Timestamp,
    bookingClosesAt: Timestamp,
    reason: Reason,
  },
  { additionalProperties: false },
);
export type RescheduleBody = Static<typeof RescheduleBody>;

/** Calling a sitting off, and why: its bookings are released and their candidates told. */
export const CancelSittingBody = Type.Object({ reason: Reason }, { additionalProperties: false });

/** One booked candidate as the publication panel lists them. */
const PanelCandidate = Type.Object({
  bookingId: Type.String(),
  candidateCode: Type.String(),
  fullName: Type.String(),
  room: Type.String(),
  seat: Type.Integer(),
});

/**
 * The publication panel: who is still writing and until when, who is absent, and when publication
 * becomes possible. A candidate still writing is never counted as absent.
 */
export const PublicationReadiness = Type.Object({
  sittingId: Type.String(),
  serverNow: Timestamp,
  endsAt: Timestamp,
  /** The first moment publication is possible as things stand (an extension moves it on). */
  publishableAt: Timestamp,
  publishable: Type.Boolean(),
  published: Type.Boolean(),
  writing: Type.Array(Type.Object({ ...PanelCandidate.properties, deadline: Timestamp })),
  absent: Type.Array(PanelCandidate),
  counts: Type.Object({
    booked: Type.Integer(),
    writing: Type.Integer(),
    /** Time up but not yet finalised: publication finalises them with their saved answers. */
    timeUp: Type.Integer(),
    submitted: Type.Integer(),
    annulled: Type.Integer(),
    absent: Type.Integer(),
    notStarted: Type.Integer(),
  }),
});
export type PublicationReadiness = Static<typeof PublicationReadiness>;

export const RoomView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  capacity: Type.Integer(),
  booked: Type.Integer(),
});

/** What the admin pages show; `phase` is the status read against the clock. */
export const SittingView = Type.Object({
  id: Type.String(),
  code: Type.String(),
  categoryCode: Type.String(),
  categoryName: LocalisedSchema,
  blueprintId: Type.String(),
  blueprintName: Type.String(),
  language: LanguageSchema,
  durationMinutes: Type.Integer(),
  questionCount: Type.Integer(),
  mode: Type.Union([Type.Literal('centre'), Type.Literal('online')]),
  status: SittingStatusSchema,
  /** draft, booking, booking-ended (booking deadline passed, not yet closed), scheduled, entry, running, finished, cancelled */
  phase: Type.Union([
    Type.Literal('draft'),
    Type.Literal('booking'),
    Type.Literal('booking-ended'),
    Type.Literal('scheduled'),
    Type.Literal('entry'),
    Type.Literal('running'),
    Type.Literal('finished'),
    Type.Literal('cancelled'),
  ]),
  startsAt: Timestamp,
  entryClosesAt: Timestamp,
  endsAt: Timestamp,
  bookingClosesAt: Timestamp,
  arrivalMinutes: Type.Integer(),
  papersDrawnAt: Type.Union([Timestamp, Type.Null()]),
  capacity: Type.Integer(),
  booked: Type.Integer(),
  rooms: Type.Array(RoomView),
  /** Reschedulings and a cancellation, newest first (only on a single sitting's read). */
  changes: Type.Optional(Type.Array(SittingChangeView)),
});
export type SittingView = Static<typeof SittingView>;
export const SittingListResponse = Type.Array(SittingView);

export const SittingListQuery = Type.Object(
  {
    status: Type.Optional(SittingStatusSchema),
  },
  { additionalProperties: false },
);

/** A sitting as applicants see it when choosing one to book. */
export const OpenSittingView = Type.Object({
  id: Type.String(),
  code: Type.String(),
  categoryCode: Type.String(),
  categoryName: LocalisedSchema,
  language: LanguageSchema,
  durationMinutes: Type.Integer(),
  questionCount: Type.Integer(),
  mode: Type.Union([Type.Literal('centre'), Type.Literal('online')]),
  startsAt: Timestamp,
  entryClosesAt: Timestamp,
  endsAt: Timestamp,
  bookingClosesAt: Timestamp,
  seatsLeft: Type.Integer(),
  /** The caller's own booking of this sitting, if any. */
  myBookingId: Type.Union([Type.String(), Type.Null()]),
});
export const OpenSittingListResponse = Type.Array(OpenSittingView);

export const BoardCandidate = Type.Object({
  bookingId: Type.String(),
  attemptId: Type.Union([Type.String(), Type.Null()]),
  candidateCode: Type.String(),
  fullName: Type.String(),
  room: Type.String(),
  seat: Type.Integer(),
  extraTimePercent: Type.Integer(),
  accommodationReason: Type.Union([Type.String(), Type.Null()]),
  /** Separate room, large print, a reader, a scribe, rest breaks: what the room's staff must provide. */
  accommodations: Type.Array(Type.String()),
  accommodationNote: Type.Union([Type.String(), Type.Null()]),
  state: Type.Union([
    Type.Literal('not-started'),
    Type.Literal('in-progress'),
    Type.Literal('submitted'),
    Type.Literal('annulled'),
  ]),
  startedAt: Type.Union([Timestamp, Type.Null()]),
  deadline: Type.Union([Timestamp, Type.Null()]),
  extraMinutes: Type.Integer(),
  answered: Type.Integer(),
  submittedAt: Type.Union([Timestamp, Type.Null()]),
  finalisedBy: Type.Union([Type.Literal('candidate'), Type.Literal('deadline'), Type.Null()]),
});

/** The live board: counts by state and one row per booked candidate, read in one pass. */
export const BoardResponse = Type.Object({
  sittingId: Type.String(),
  serverNow: Timestamp,
  phase: SittingView.properties.phase,
  questionCount: Type.Integer(),
  counts: Type.Object({
    booked: Type.Integer(),
    notStarted: Type.Integer(),
    inProgress: Type.Integer(),
    submitted: Type.Integer(),
    annulled: Type.Integer(),
  }),
  candidates: Type.Array(BoardCandidate),
});
export type BoardResponse = Static<typeof BoardResponse>;

/** What a room-wide extension did: how many running attempts got the minutes. */
export const SittingExtended = Type.Object({
  sittingId: Type.String(),
  minutes: Type.Integer(),
  extended: Type.Integer(),
});

/** The exam room's periodic re-read: enough to follow a moved deadline or a finish elsewhere. */
export const AttemptDeadlineView = Type.Object({
  status: Type.Union([
    Type.Literal('ready'),
    Type.Literal('started'),
    Type.Literal('submitted'),
    Type.Literal('annulled'),
  ]),
  deadline: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  serverNow: Type.String({ format: 'date-time' }),
});
