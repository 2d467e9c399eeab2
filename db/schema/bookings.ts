import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { requiredRef } from './columns';
import { sittingRooms, sittings } from './sittings';
import { users } from './users';

export const BOOKING_STATUSES = ['active', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** Accommodations other than extra time, recorded per booking and shown to the room's staff. */
export const ACCOMMODATIONS = ['separate_room', 'large_print', 'reader', 'scribe', 'rest_breaks'] as const;
export type Accommodation = (typeof ACCOMMODATIONS)[number];

/** A candidate's seat in a sitting. The candidate code names them on everything public. */
export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sittingId: requiredRef('sitting_id', () => sittings.id),
    userId: requiredRef('user_id', () => users.id),
    roomId: requiredRef('room_id', () => sittingRooms.id),
    seat: integer('seat').notNull(),
    candidateCode: text('candidate_code').notNull(),
    /** An unguessable token for the public ticket-check URL printed as a QR code. */
    ticketToken: text('ticket_token').notNull(),
    status: text('status', { enum: BOOKING_STATUSES }).notNull().default('active'),
    /** Extra time as a percentage of the duration, granted by an administrator with a reason. */
    extraTimePercent: integer('extra_time_percent').notNull().default(0),
    accommodationReason: text('accommodation_reason'),
    accommodationBy: uuid('accommodation_by').references(() => users.id),
    accommodations: text('accommodations', { enum: ACCOMMODATIONS })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** What the room's staff should know beyond the typed set (e.g. which breaks, how long). */
    accommodationNote: text('accommodation_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('bookings_candidate_code_key').on(t.candidateCode),
    uniqueIndex('bookings_ticket_token_key').on(t.ticketToken),
    // At most one live booking per applicant per sitting, and one candidate per seat.
    uniqueIndex('bookings_one_per_sitting_key')
      .on(t.sittingId, t.userId)
      .where(sql`${t.status} = 'active'`),
    uniqueIndex('bookings_seat_key')
      .on(t.roomId, t.seat)
      .where(sql`${t.status} = 'active'`),
    index('bookings_user_idx').on(t.userId),
    check('bookings_extra_time', sql`${t.extraTimePercent} between 0 and 200`),
    check(
      'bookings_accommodations_known',
      sql`${t.accommodations} <@ array['separate_room','large_print','reader','scribe','rest_breaks']::text[]`,
    ),
  ],
);

export type Booking = typeof bookings.$inferSelect;
