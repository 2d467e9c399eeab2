import { and, asc, count, desc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { bookings, notices, sittingRooms, sittings, users, type Notice } from '../../../db/schema/index';

export type NoticeInsert = Pick<Notice, 'userId' | 'kind' | 'ref' | 'params' | 'createdAt'>;

export function createNoticesRepository(db: Db) {
  return {
    /**
     * Inserts the notices not told before (user, kind and ref unique) in one statement, in the caller's
     * transaction; returns only those it inserted, so a repeated event mails nobody twice.
     */
    async insertNew(rows: readonly NoticeInsert[]): Promise<Notice[]> {
      if (rows.length === 0) return [];
      return executor(db)
        .insert(notices)
        .values([...rows])
        .onConflictDoNothing({ target: [notices.userId, notices.kind, notices.ref] })
        .returning();
    },

    /** Where and how to write to each account: its address, name and the language it last chose. */
    async contacts(userIds: readonly string[]) {
      if (userIds.length === 0) return [];
      return executor(db)
        .select({ id: users.id, email: users.email, fullName: users.fullName, locale: users.locale })
        .from(users)
        .where(inArray(users.id, [...new Set(userIds)]));
    },

    /** One account's notices, newest first, a page at a time, with its totals. */
    async page(userId: string, options: { offset: number; limit: number }) {
      const [rows, [totals]] = await Promise.all([
        executor(db)
          .select()
          .from(notices)
          .where(eq(notices.userId, userId))
          .orderBy(desc(notices.createdAt), desc(notices.id))
          .offset(options.offset)
          .limit(options.limit),
        executor(db)
          .select({ total: count(), unread: sql<number>`count(*) filter (where ${notices.readAt} is null)::int` })
          .from(notices)
          .where(eq(notices.userId, userId)),
      ]);
      return { rows, total: totals?.total ?? 0, unread: totals?.unread ?? 0 };
    },

    async unreadCount(userId: string): Promise<number> {
      const [row] = await executor(db)
        .select({ unread: count() })
        .from(notices)
        .where(and(eq(notices.userId, userId), isNull(notices.readAt)));
      return row?.unread ?? 0;
    },

    /** Marks the owner's own notices read (ids of others' notices match nothing); returns how many changed. */
    async markRead(userId: string, ids: readonly string[] | 'all', at: Date): Promise<number> {
      const rows = await executor(db)
        .update(notices)
        .set({ readAt: at })
        .where(
          and(
            eq(notices.userId, userId),
            isNull(notices.readAt),
            ids === 'all' ? undefined : inArray(notices.id, [...ids]),
          ),
        )
        .returning({ id: notices.id });
      return rows.length;
    },

    async owns(userId: string, id: string): Promise<boolean> {
      const [row] = await executor(db)
        .select({ id: notices.id })
        .from(notices)
        .where(and(eq(notices.id, id), eq(notices.userId, userId)));
      return !!row;
    },

    /**
     * Live bookings whose sitting (roster fixed) starts within `until`, and whose candidate has not yet been
     * reminded: the exam-approaching job's work, in seat order.
     */
    async dueReminders(now: Date, until: Date, limit: number) {
      return executor(db)
        .select({
          bookingId: bookings.id,
          userId: bookings.userId,
          seat: bookings.seat,
          room: sittingRooms.name,
          sittingCode: sittings.code,
          startsAt: sittings.startsAt,
        })
        .from(bookings)
        .innerJoin(sittings, eq(sittings.id, bookings.sittingId))
        .innerJoin(sittingRooms, eq(sittingRooms.id, bookings.roomId))
        .where(
          and(
            eq(bookings.status, 'active'),
            eq(sittings.status, 'closed'),
            gt(sittings.startsAt, now),
            lte(sittings.startsAt, until),
            // Written out: Drizzle prints outer columns unqualified inside a subquery.
            sql`not exists (select 1 from "notices" where "notices"."user_id" = "bookings"."user_id"
              and "notices"."kind" = 'exam-approaching' and "notices"."ref" = "bookings"."id"::text)`,
          ),
        )
        .orderBy(asc(sittings.startsAt), asc(bookings.id))
        .limit(limit);
    },
  };
}

export type NoticesRepository = ReturnType<typeof createNoticesRepository>;
