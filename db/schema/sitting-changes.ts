import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { requiredRef } from './columns';
import { sittings } from './sittings';
import { users } from './users';

export const SITTING_CHANGE_KINDS = ['rescheduled', 'cancelled'] as const;
export type SittingChangeKind = (typeof SITTING_CHANGE_KINDS)[number];

/** A sitting's timetable as it stood before or after a change (ISO instants). */
export type SittingTimesRecord = {
  startsAt: string;
  entryClosesAt: string;
  endsAt: string;
  bookingClosesAt: string;
};

/**
 * What the centre changed about a sitting candidates had booked, and why: each booked candidate's
 * bookings page reads the change from here, in their own language around the administrator's reason.
 */
export const sittingChanges = pgTable(
  'sitting_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sittingId: requiredRef('sitting_id', () => sittings.id),
    /** 1 for a sitting's first change, then one more each: the order, whatever the clock says. */
    position: integer('position').notNull(),
    kind: text('kind', { enum: SITTING_CHANGE_KINDS }).notNull(),
    reason: text('reason').notNull(),
    previous: jsonb('previous').$type<SittingTimesRecord>().notNull(),
    /** The new timetable of a rescheduled sitting; null when it was cancelled. */
    next: jsonb('next').$type<SittingTimesRecord>(),
    /** The live bookings the change reached (moved, or released): whose candidates were told. */
    bookingIds: uuid('booking_ids').array().notNull(),
    changedBy: uuid('changed_by').references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('sitting_changes_position_key').on(t.sittingId, t.position),
    check('sitting_changes_next_when_rescheduled', sql`(${t.kind} = 'rescheduled') = (${t.next} is not null)`),
  ],
);

export type SittingChange = typeof sittingChanges.$inferSelect;
