import { sql } from 'drizzle-orm';
import { bigserial, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { requiredRef } from './columns';
import { bookings } from './bookings';
import { sittingRooms } from './sittings';
import { users } from './users';

/** An invigilator's assignment to one room of a sitting: the only rooms that account reaches. */
export const roomInvigilators = pgTable(
  'room_invigilators',
  {
    roomId: requiredRef('room_id', () => sittingRooms.id),
    userId: requiredRef('user_id', () => users.id),
    assignedBy: requiredRef('assigned_by', () => users.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('room_invigilators_key').on(t.roomId, t.userId),
    index('room_invigilators_user_idx').on(t.userId),
  ],
);

export const ATTENDANCE_MARKS = ['present', 'absent', 'turned-away'] as const;
export type AttendanceMark = (typeof ATTENDANCE_MARKS)[number];

/**
 * Attendance at the door, one row per mark and never updated: a correction is a later mark, the last
 * one (highest id) is the candidate's attendance, and the earlier ones stay as its history.
 */
export const attendanceMarks = pgTable(
  'attendance_marks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    bookingId: requiredRef('booking_id', () => bookings.id),
    mark: text('mark', { enum: ATTENDANCE_MARKS }).notNull(),
    /** Why a candidate was turned away (required then), or why a mark was corrected. */
    reason: text('reason'),
    markedBy: requiredRef('marked_by', () => users.id),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('attendance_marks_booking_idx').on(t.bookingId, t.id),
    check('attendance_marks_turned_away_reason', sql`${t.mark} <> 'turned-away' or ${t.reason} is not null`),
  ],
);

export const INCIDENT_KINDS = ['power-cut', 'illness', 'suspected-cheating', 'other'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** Something that happened in a room during a sitting, as its staff recorded it; optionally about one candidate. */
export const roomIncidents = pgTable(
  'room_incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roomId: requiredRef('room_id', () => sittingRooms.id),
    bookingId: uuid('booking_id').references(() => bookings.id),
    kind: text('kind', { enum: INCIDENT_KINDS }).notNull(),
    /** When it happened, as the invigilator says; may be earlier than when it was written down. */
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    note: text('note').notNull(),
    reportedBy: requiredRef('reported_by', () => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('room_incidents_room_idx').on(t.roomId, t.occurredAt)],
);

export type RoomInvigilator = typeof roomInvigilators.$inferSelect;
export type AttendanceMarkRow = typeof attendanceMarks.$inferSelect;
export type RoomIncident = typeof roomIncidents.$inferSelect;
