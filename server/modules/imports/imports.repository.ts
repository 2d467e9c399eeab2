import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { bookings, sittingRooms, sittings, users, type NewUser } from '../../../db/schema/index';

/** Rows a statement inserts at once: well under PostgreSQL's 65,535 parameters for these tables. */
const BATCH = 500;

/** PostgreSQL takes at most 65,535 parameters in a statement; lists of keys are read in slices. */
async function inSlices<K, R>(keys: K[], read: (slice: K[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < keys.length; i += 5000) out.push(...(await read(keys.slice(i, i + 5000))));
  return out;
}

/**
 * The bulk reads and writes of the candidate and booking imports: each asks about the whole file at once
 * (a query per kind of fact, not per row), so a file of thousands of rows costs a handful of statements.
 */
export function createImportsRepository(db: Db) {
  return {
    /** Accounts holding any of the national IDs, by `scheme:id`. */
    async usersByNationalId(ids: string[]) {
      const rows = await inSlices([...new Set(ids)], (slice) =>
        executor(db)
          .select({ id: users.id, scheme: users.nationalIdScheme, nationalId: users.nationalId, role: users.role })
          .from(users)
          .where(inArray(users.nationalId, slice)),
      );
      return new Map(rows.map((r) => [`${r.scheme}:${r.nationalId}`, r]));
    },

    /** Which of the e-mails (lower-cased) an account already uses. */
    async takenEmails(emails: string[]): Promise<Set<string>> {
      const rows = await inSlices([...new Set(emails)], (slice) =>
        executor(db).select({ email: users.email }).from(users).where(inArray(users.email, slice)),
      );
      return new Set(rows.map((r) => r.email));
    },

    async insertUsers(values: NewUser[]): Promise<void> {
      for (let i = 0; i < values.length; i += BATCH)
        await executor(db)
          .insert(users)
          .values(values.slice(i, i + BATCH));
    },

    /** The sittings named by code, locked when `lock` (in code order, so two imports never deadlock). */
    async sittingsByCode(codes: string[], lock: boolean) {
      const query = executor(db)
        .select()
        .from(sittings)
        .where(inArray(sittings.code, [...new Set(codes)]))
        .orderBy(asc(sittings.code));
      return lock ? query.for('update') : query;
    },

    /** The sittings' rooms in order, each with the seats its active bookings hold. */
    async rooms(sittingIds: string[]) {
      if (sittingIds.length === 0) return [];
      const rooms = await executor(db)
        .select()
        .from(sittingRooms)
        .where(inArray(sittingRooms.sittingId, sittingIds))
        .orderBy(asc(sittingRooms.sittingId), asc(sittingRooms.position));
      const seats = await executor(db)
        .select({ roomId: bookings.roomId, seat: bookings.seat })
        .from(bookings)
        .where(and(inArray(bookings.sittingId, sittingIds), eq(bookings.status, 'active')));
      const taken = new Map<string, Set<number>>();
      for (const { roomId, seat } of seats) {
        if (!taken.has(roomId)) taken.set(roomId, new Set());
        taken.get(roomId)!.add(seat);
      }
      return rooms.map((room) => ({ ...room, taken: taken.get(room.id) ?? new Set<number>() }));
    },

    /** `sittingId:userId` of every active booking in the sittings. */
    async activeBookings(sittingIds: string[]): Promise<Set<string>> {
      if (sittingIds.length === 0) return new Set();
      const rows = await executor(db)
        .select({ key: sql<string>`${bookings.sittingId}::text || ':' || ${bookings.userId}::text` })
        .from(bookings)
        .where(and(inArray(bookings.sittingId, sittingIds), eq(bookings.status, 'active')));
      return new Set(rows.map((r) => r.key));
    },

    async insertBookings(values: (typeof bookings.$inferInsert)[]): Promise<void> {
      for (let i = 0; i < values.length; i += BATCH)
        await executor(db)
          .insert(bookings)
          .values(values.slice(i, i + BATCH));
    },
  };
}

export type ImportsRepository = ReturnType<typeof createImportsRepository>;
