import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { lockRow } from '../../../db/row-reads';
import { updateRowReturning } from '../../../db/row-writes';
import {
  attempts,
  blueprints,
  bookings,
  categories,
  sittingChanges,
  sittingRooms,
  sittings,
  users,
  type Category,
  type SittingChange,
  type Sitting,
  type SittingRoom,
  type SittingStatus,
} from '../../../db/schema/index';

export interface RoomWithCount extends SittingRoom {
  booked: number;
}

export function createSittingsRepository(db: Db) {
  const roomCounts = (sittingIds: string[]) =>
    executor(db)
      .select({
        room: sittingRooms,
        // Written out in full: inside a subquery Drizzle would print the outer column unqualified.
        booked: sql<number>`(select count(*)::int from bookings b where b.room_id = "sitting_rooms"."id" and b.status = 'active')`,
      })
      .from(sittingRooms)
      .where(sql`${sittingRooms.sittingId} = any(${sql.param(sittingIds)}::uuid[])`)
      .orderBy(asc(sittingRooms.position));

  return {
    /**
     * Moves the deadline of every attempt of the sitting still being sat (started, its deadline plus
     * grace not yet passed) by `minutes`, in one statement: the room-wide extension after an incident.
     */
    async extendRunningAttempts(sittingId: string, minutes: number, now: Date, graceMs: number) {
      return executor(db)
        .update(attempts)
        .set({
          deadline: sql`${attempts.deadline} + ${minutes} * interval '1 minute'`,
          extraMinutes: sql`${attempts.extraMinutes} + ${minutes}`,
        })
        .where(
          and(
            eq(attempts.sittingId, sittingId),
            eq(attempts.status, 'started'),
            sql`${attempts.deadline} + ${graceMs} * interval '1 millisecond' >= ${now.toISOString()}::timestamptz`,
          ),
        )
        .returning({ id: attempts.id, deadline: attempts.deadline });
    },

    /** The deadline of a candidate's own attempt: the exam room's light, periodic re-read. */
    async ownAttemptDeadline(userId: string, attemptId: string) {
      const [row] = await executor(db)
        .select({ status: attempts.status, deadline: attempts.deadline })
        .from(attempts)
        .where(and(eq(attempts.id, attemptId), eq(attempts.userId, userId)));
      return row;
    },

    async categories(): Promise<Category[]> {
      return executor(db).select().from(categories).orderBy(asc(categories.position));
    },

    async category(code: string): Promise<Category | undefined> {
      const [row] = await executor(db).select().from(categories).where(eq(categories.code, code));
      return row;
    },

    async list(filter: { status?: SittingStatus | undefined }) {
      return executor(db)
        .select({ sitting: sittings, blueprintName: blueprints.name, blueprint: blueprints, category: categories })
        .from(sittings)
        .innerJoin(blueprints, eq(blueprints.id, sittings.blueprintId))
        .innerJoin(categories, eq(categories.code, sittings.categoryCode))
        .where(filter.status ? eq(sittings.status, filter.status) : undefined)
        .orderBy(desc(sittings.startsAt));
    },

    async find(id: string) {
      const [row] = await executor(db)
        .select({ sitting: sittings, blueprintName: blueprints.name, blueprint: blueprints, category: categories })
        .from(sittings)
        .innerJoin(blueprints, eq(blueprints.id, sittings.blueprintId))
        .innerJoin(categories, eq(categories.code, sittings.categoryCode))
        .where(eq(sittings.id, id));
      return row;
    },

    /** Locks the sitting's row: bookings and closing serialise on it, so capacity holds under concurrency. */
    async lock(id: string): Promise<Sitting | undefined> {
      return lockRow(db, sittings, id);
    },

    async rooms(sittingIds: string[]): Promise<RoomWithCount[]> {
      if (sittingIds.length === 0) return [];
      const rows = await roomCounts(sittingIds);
      return rows.map((r) => ({ ...r.room, booked: Number(r.booked) }));
    },

    async insert(row: typeof sittings.$inferInsert, rooms: { name: string; capacity: number }[]) {
      const [created] = await executor(db).insert(sittings).values(row).returning();
      await executor(db)
        .insert(sittingRooms)
        .values(
          rooms.map((room, position) => ({
            sittingId: created!.id,
            name: room.name,
            capacity: room.capacity,
            position,
          })),
        );
      return created!;
    },

    async update(id: string, set: Partial<typeof sittings.$inferInsert>): Promise<Sitting | undefined> {
      return updateRowReturning(db, sittings, id, set);
    },

    /** A draft's rooms, replaced as a whole when it is edited (a draft has no bookings to keep). */
    async replaceRooms(sittingId: string, rooms: { name: string; capacity: number }[]) {
      await executor(db).delete(sittingRooms).where(eq(sittingRooms.sittingId, sittingId));
      await executor(db)
        .insert(sittingRooms)
        .values(rooms.map((room, position) => ({ sittingId, name: room.name, capacity: room.capacity, position })));
    },

    /** The largest extra time granted to a live booking of the sitting (0 when none). */
    async largestExtraTime(sittingId: string): Promise<number> {
      const [row] = await executor(db)
        .select({ percent: sql<number>`coalesce(max(${bookings.extraTimePercent}), 0)::int` })
        .from(bookings)
        .where(and(eq(bookings.sittingId, sittingId), eq(bookings.status, 'active')));
      return Number(row?.percent ?? 0);
    },

    /** Releases every live booking of a cancelled sitting; returns the candidates they belonged to. */
    async releaseBookings(sittingId: string, at: Date) {
      return executor(db)
        .update(bookings)
        .set({ status: 'cancelled', cancelledAt: at })
        .where(and(eq(bookings.sittingId, sittingId), eq(bookings.status, 'active')))
        .returning({ id: bookings.id, userId: bookings.userId, candidateCode: bookings.candidateCode });
    },

    /** The candidates with a live booking of the sitting: who must be told of a change. */
    async bookedCandidates(sittingId: string) {
      return executor(db)
        .select({ id: bookings.id, userId: bookings.userId, candidateCode: bookings.candidateCode })
        .from(bookings)
        .where(and(eq(bookings.sittingId, sittingId), eq(bookings.status, 'active')));
    },

    /** Where to tell candidates of a change: their address, name and language. */
    async contacts(userIds: string[]) {
      if (userIds.length === 0) return [];
      return executor(db)
        .select({ id: users.id, email: users.email, fullName: users.fullName, locale: users.locale })
        .from(users)
        .where(sql`${users.id} = any(${sql.param(userIds)}::uuid[])`);
    },

    /** Records a change as the sitting's next; the caller holds the sitting's lock. */
    async insertChange(row: Omit<typeof sittingChanges.$inferInsert, 'position'>): Promise<SittingChange> {
      const [created] = await executor(db)
        .insert(sittingChanges)
        .values({
          ...row,
          position: sql`(select coalesce(max(c.position), 0) + 1 from sitting_changes c where c.sitting_id = ${row.sittingId})`,
        })
        .returning();
      return created!;
    },

    /** The changes of these sittings, newest first. */
    async changes(sittingIds: string[]): Promise<SittingChange[]> {
      if (sittingIds.length === 0) return [];
      return executor(db)
        .select()
        .from(sittingChanges)
        .where(sql`${sittingChanges.sittingId} = any(${sql.param(sittingIds)}::uuid[])`)
        .orderBy(desc(sittingChanges.position));
    },

    /** Sittings still in booking whose booking deadline has passed, for the sweeper to close. */
    async bookingDue(now: Date): Promise<string[]> {
      const rows = await executor(db)
        .select({ id: sittings.id })
        .from(sittings)
        .where(
          and(eq(sittings.status, 'booking'), sql`${sittings.bookingClosesAt} <= ${now.toISOString()}::timestamptz`),
        );
      return rows.map((r) => r.id);
    },
  };
}

export type SittingsRepository = ReturnType<typeof createSittingsRepository>;
