import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { lockRow } from '../../../db/row-reads';
import { insertRow, updateRowReturning } from '../../../db/row-writes';
import {
  attempts,
  blueprints,
  bookings,
  categories,
  sittingRooms,
  sittings,
  users,
  type Booking,
} from '../../../db/schema/index';

/** A booking with everything its views need, read in one join. */
const bookingColumns = {
  booking: bookings,
  sitting: sittings,
  room: sittingRooms,
  category: categories,
  blueprint: { durationMinutes: blueprints.durationMinutes, language: blueprints.language },
  attempt: { id: attempts.id, status: attempts.status, deadline: attempts.deadline },
};

export function createBookingsRepository(db: Db) {
  const joined = () =>
    executor(db)
      .select(bookingColumns)
      .from(bookings)
      .innerJoin(sittings, eq(sittings.id, bookings.sittingId))
      .innerJoin(sittingRooms, eq(sittingRooms.id, bookings.roomId))
      .innerJoin(categories, eq(categories.code, sittings.categoryCode))
      .innerJoin(blueprints, eq(blueprints.id, sittings.blueprintId))
      .leftJoin(attempts, eq(attempts.bookingId, bookings.id));

  return {
    /** The caller's own bookings, newest first. */
    async listOwn(userId: string) {
      return joined().where(eq(bookings.userId, userId)).orderBy(desc(bookings.createdAt));
    },

    /** One booking, only if it is the caller's. */
    async findOwn(userId: string, id: string) {
      const [row] = await joined().where(and(eq(bookings.id, id), eq(bookings.userId, userId)));
      return row;
    },

    async find(id: string) {
      const [row] = await joined().where(eq(bookings.id, id));
      return row;
    },

    async findByToken(token: string) {
      const [row] = await executor(db)
        .select({ ...bookingColumns, fullName: users.fullName })
        .from(bookings)
        .innerJoin(sittings, eq(sittings.id, bookings.sittingId))
        .innerJoin(sittingRooms, eq(sittingRooms.id, bookings.roomId))
        .innerJoin(categories, eq(categories.code, sittings.categoryCode))
        .innerJoin(blueprints, eq(blueprints.id, sittings.blueprintId))
        .innerJoin(users, eq(users.id, bookings.userId))
        .leftJoin(attempts, eq(attempts.bookingId, bookings.id))
        .where(eq(bookings.ticketToken, token));
      return row;
    },

    async ownerName(userId: string): Promise<string> {
      const [row] = await executor(db).select({ fullName: users.fullName }).from(users).where(eq(users.id, userId));
      return row?.fullName ?? '';
    },

    async activeFor(sittingId: string, userId: string): Promise<Booking | undefined> {
      const [row] = await executor(db)
        .select()
        .from(bookings)
        .where(and(eq(bookings.sittingId, sittingId), eq(bookings.userId, userId), eq(bookings.status, 'active')));
      return row;
    },

    /** Seats taken in a room by live bookings. */
    async takenSeats(roomId: string): Promise<number[]> {
      const rows = await executor(db)
        .select({ seat: bookings.seat })
        .from(bookings)
        .where(and(eq(bookings.roomId, roomId), eq(bookings.status, 'active')))
        .orderBy(asc(bookings.seat));
      return rows.map((r) => r.seat);
    },

    async insert(row: typeof bookings.$inferInsert): Promise<Booking> {
      return insertRow(db, bookings, row);
    },

    async update(id: string, set: Partial<typeof bookings.$inferInsert>): Promise<Booking | undefined> {
      return updateRowReturning(db, bookings, id, set);
    },

    async lock(id: string): Promise<Booking | undefined> {
      return lockRow(db, bookings, id);
    },

    /** The sitting's live bookings, for drawing papers when booking closes. */
    async activeInSitting(sittingId: string) {
      return executor(db)
        .select({ id: bookings.id, userId: bookings.userId })
        .from(bookings)
        .where(and(eq(bookings.sittingId, sittingId), eq(bookings.status, 'active')))
        .orderBy(asc(bookings.createdAt));
    },

    /** The roster with names, in room and seat order. */
    async roster(sittingId: string) {
      return executor(db)
        .select({
          booking: bookings,
          room: sittingRooms.name,
          roomPosition: sittingRooms.position,
          fullName: users.fullName,
        })
        .from(bookings)
        .innerJoin(sittingRooms, eq(sittingRooms.id, bookings.roomId))
        .innerJoin(users, eq(users.id, bookings.userId))
        .where(eq(bookings.sittingId, sittingId))
        .orderBy(asc(sittingRooms.position), asc(bookings.seat), asc(bookings.createdAt));
    },

    /**
     * Seats left per open sitting, and the caller's own live booking of each. The subqueries name the
     * outer columns in full: Drizzle would print them unqualified there.
     */
    async openSittingsFor(userId: string, now: Date) {
      return executor(db)
        .select({
          sitting: sittings,
          category: categories,
          blueprint: {
            durationMinutes: blueprints.durationMinutes,
            language: blueprints.language,
            sections: blueprints.sections,
          },
          capacity: sql<number>`(select coalesce(sum(r.capacity), 0)::int from sitting_rooms r where r.sitting_id = "sittings"."id")`,
          booked: sql<number>`(select count(*)::int from bookings b where b.sitting_id = "sittings"."id" and b.status = 'active')`,
          myBookingId: sql<
            string | null
          >`(select b.id from bookings b where b.sitting_id = "sittings"."id" and b.user_id = ${userId} and b.status = 'active')`,
        })
        .from(sittings)
        .innerJoin(categories, eq(categories.code, sittings.categoryCode))
        .innerJoin(blueprints, eq(blueprints.id, sittings.blueprintId))
        .where(
          and(eq(sittings.status, 'booking'), sql`${sittings.bookingClosesAt} > ${now.toISOString()}::timestamptz`),
        )
        .orderBy(asc(sittings.startsAt));
    },
  };
}

export type BookingsRepository = ReturnType<typeof createBookingsRepository>;
export type BookingRow = NonNullable<Awaited<ReturnType<BookingsRepository['find']>>>;
