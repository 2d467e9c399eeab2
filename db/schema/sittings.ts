import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { editTimes, requiredRef } from './columns';
import type { Blueprint } from '../domain/blueprint';
import { blueprints } from './blueprints';
import { categories } from './categories';
import { users } from './users';

export const SITTING_STATUSES = ['draft', 'booking', 'closed', 'cancelled'] as const;
/**
 * - draft: being prepared, invisible to applicants;
 * - booking: open for booking until `bookingClosesAt`;
 * - closed: the roster is fixed and every booked candidate's paper is drawn and stored;
 * - cancelled: called off before it began, with a reason (`sitting_changes`); its bookings are released.
 * Whether a closed sitting is under way or over follows from the clock, not from a status.
 */
export type SittingStatus = (typeof SITTING_STATUSES)[number];

export const SITTING_MODES = ['centre', 'online'] as const;
export type SittingMode = (typeof SITTING_MODES)[number];

/** One shift of a test on one date: who may book, when candidates may start, and when it ends. */
export const sittings = pgTable(
  'sittings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Human code printed on tickets, e.g. `2026-12-15-10`. */
    code: text('code').notNull(),
    categoryCode: text('category_code')
      .notNull()
      .references(() => categories.code),
    blueprintId: requiredRef('blueprint_id', () => blueprints.id),
    /** The blueprint as it stood when papers were drawn; scoring reads this, never the live blueprint. */
    blueprint: jsonb('blueprint').$type<Blueprint>(),
    blueprintRevision: integer('blueprint_revision'),
    mode: text('mode', { enum: SITTING_MODES }).notNull(),
    status: text('status', { enum: SITTING_STATUSES }).notNull().default('draft'),
    /** The shift's start: candidates are asked to arrive before it and may start from it. */
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    /** The last moment a candidate may start. */
    entryClosesAt: timestamp('entry_closes_at', { withTimezone: true }).notNull(),
    /** No attempt runs past this, whatever its accommodation. */
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** Booking and cancelling end here. */
    bookingClosesAt: timestamp('booking_closes_at', { withTimezone: true }).notNull(),
    /** Minutes before the start that the ticket asks candidates to arrive. */
    arrivalMinutes: integer('arrival_minutes').notNull().default(30),
    papersDrawnAt: timestamp('papers_drawn_at', { withTimezone: true }),
    /** Days after publication during which candidates may appeal (DİM: 3). */
    appealDays: integer('appeal_days').notNull().default(3),
    resultsPublishedAt: timestamp('results_published_at', { withTimezone: true }),
    appealClosesAt: timestamp('appeal_closes_at', { withTimezone: true }),
    createdBy: requiredRef('created_by', () => users.id),
    ...editTimes(),
  },
  (t) => [
    uniqueIndex('sittings_code_key').on(t.code),
    index('sittings_status_idx').on(t.status, t.startsAt),
    check(
      'sittings_times_ordered',
      sql`${t.bookingClosesAt} <= ${t.startsAt} and ${t.startsAt} < ${t.entryClosesAt} and ${t.entryClosesAt} <= ${t.endsAt}`,
    ),
  ],
);

/** A room of a sitting with its seats; an online sitting has one virtual room. */
export const sittingRooms = pgTable(
  'sitting_rooms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sittingId: requiredRef('sitting_id', () => sittings.id),
    name: text('name').notNull(),
    capacity: integer('capacity').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [index('sitting_rooms_sitting_idx').on(t.sittingId), check('sitting_rooms_capacity', sql`${t.capacity} > 0`)],
);

export type Sitting = typeof sittings.$inferSelect;
export type SittingRoom = typeof sittingRooms.$inferSelect;
