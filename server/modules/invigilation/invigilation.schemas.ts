import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { NumberedPage, Uuid } from '../../schemas';
import { SittingView } from '../sittings/sittings.schemas';

const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const RoomParams = Type.Object({ id: Uuid });
export const RoomInvigilatorParams = Type.Object({ id: Uuid, userId: Uuid });
export const IncidentParams = Type.Object({ id: Uuid });

/** `?page=`: lists read a page of 25 at a time, the first when absent. */
export const PageQuery = Type.Object(
  { page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }) },
  { additionalProperties: false },
);
export const PAGE_SIZE = 25;

export const AttendanceMarkSchema = Type.Union([
  Type.Literal('present'),
  Type.Literal('absent'),
  Type.Literal('turned-away'),
]);
export const IncidentKindSchema = Type.Union([
  Type.Literal('power-cut'),
  Type.Literal('illness'),
  Type.Literal('suspected-cheating'),
  Type.Literal('other'),
]);

export const MarkAttendanceBody = Type.Object(
  {
    bookingId: Uuid,
    mark: AttendanceMarkSchema,
    /** Required when turning a candidate away; otherwise optional (e.g. why a mark is corrected). */
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type MarkAttendanceBody = Static<typeof MarkAttendanceBody>;

export const ReportIncidentBody = Type.Object(
  {
    kind: IncidentKindSchema,
    note: Type.String({ minLength: 3, maxLength: 2_000 }),
    /** When it happened; now when absent. */
    occurredAt: Type.Optional(Timestamp),
    /** The candidate it concerns, if one. */
    bookingId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type ReportIncidentBody = Static<typeof ReportIncidentBody>;

export const AssignInvigilatorBody = Type.Object({ userId: Uuid }, { additionalProperties: false });

export const AttendanceView = Type.Object({
  mark: AttendanceMarkSchema,
  reason: Nullable(Type.String()),
  markedAt: Timestamp,
  markedBy: Type.String(),
});

export const DoorCandidate = Type.Object({
  bookingId: Type.String(),
  candidateCode: Type.String(),
  fullName: Type.String(),
  nationalId: Nullable(Type.String()),
  seat: Type.Integer(),
  extraTimePercent: Type.Integer(),
  /** The current mark (the last one), or null before anyone marked the candidate. */
  attendance: Nullable(AttendanceView),
  /** Earlier marks, oldest first: what corrections replaced. */
  history: Type.Array(AttendanceView),
  state: Type.Union([
    Type.Literal('not-started'),
    Type.Literal('in-progress'),
    Type.Literal('submitted'),
    Type.Literal('annulled'),
  ]),
  deadline: Nullable(Timestamp),
  submittedAt: Nullable(Timestamp),
});

export const IncidentView = Type.Object({
  id: Type.String(),
  roomId: Type.String(),
  roomName: Type.String(),
  kind: IncidentKindSchema,
  occurredAt: Timestamp,
  note: Type.String(),
  reportedBy: Type.String(),
  bookingId: Nullable(Type.String()),
  candidateCode: Nullable(Type.String()),
  attemptId: Nullable(Type.String()),
  attemptState: Nullable(DoorCandidate.properties.state),
  /** What administrators did from this incident: extensions and annulments, oldest first. */
  followUps: Type.Array(
    Type.Object({
      action: Type.Union([Type.Literal('attempt.extended'), Type.Literal('attempt.annulled')]),
      at: Timestamp,
    }),
  ),
});
export type IncidentView = Static<typeof IncidentView>;

export const IncidentPage = NumberedPage(IncidentView);
export type IncidentPage = Static<typeof IncidentPage>;

const RoomSittingView = Type.Object({
  id: Type.String(),
  code: Type.String(),
  status: SittingView.properties.status,
  phase: SittingView.properties.phase,
  startsAt: Timestamp,
  entryClosesAt: Timestamp,
  endsAt: Timestamp,
});

/** A room as its staff see it on exam day: the door list with attendance, the live board and its incidents. */
export const RoomView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  capacity: Type.Integer(),
  sitting: RoomSittingView,
  serverNow: Timestamp,
  counts: Type.Object({
    booked: Type.Integer(),
    present: Type.Integer(),
    absent: Type.Integer(),
    turnedAway: Type.Integer(),
    unmarked: Type.Integer(),
    writing: Type.Integer(),
    submitted: Type.Integer(),
  }),
  candidates: Type.Array(DoorCandidate),
  incidents: Type.Array(IncidentView),
});
export type RoomView = Static<typeof RoomView>;

/** An invigilator's rooms, latest sitting first. */
export const AssignedRoomsPage = NumberedPage(
  Type.Object({ id: Type.String(), name: Type.String(), capacity: Type.Integer(), sitting: RoomSittingView }),
);
export type AssignedRoomsPage = Static<typeof AssignedRoomsPage>;

/** Who invigilates each room of a sitting. */
export const SittingInvigilationView = Type.Object({
  sittingId: Type.String(),
  rooms: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      invigilators: Type.Array(Type.Object({ id: Type.String(), fullName: Type.String(), email: Type.String() })),
    }),
  ),
});
export type SittingInvigilationView = Static<typeof SittingInvigilationView>;

/** What an administrator's action on an incident did. */
export const IncidentActionResult = Type.Object({
  incidentId: Type.String(),
  /** The attempts the action touched. */
  attempts: Type.Integer(),
});
