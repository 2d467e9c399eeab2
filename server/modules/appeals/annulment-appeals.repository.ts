import { and, asc, desc, eq, ne, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { lockRow } from '../../../db/row-reads';
import { updateRow } from '../../../db/row-writes';
import { annulmentAppeals, attempts, bookings, sittings, users, type AnnulmentAppeal } from '../../../db/schema/index';

const candidate = alias(users, 'candidate');
const annuller = alias(users, 'annuller');
const decider = alias(users, 'decider');

export function createAnnulmentAppealsRepository(db: Db) {
  /** Appeals with the sitting, the candidate and the officials who annulled and decided, by name and role. */
  function rows(where: SQL | undefined, order: 'newest' | 'oldest') {
    return executor(db)
      .select({
        appeal: annulmentAppeals,
        sittingId: attempts.sittingId,
        sittingCode: sittings.code,
        candidateCode: bookings.candidateCode,
        fullName: candidate.fullName,
        annullerName: annuller.fullName,
        annullerRole: annuller.role,
        deciderName: decider.fullName,
        deciderRole: decider.role,
      })
      .from(annulmentAppeals)
      .innerJoin(attempts, eq(attempts.id, annulmentAppeals.attemptId))
      .innerJoin(sittings, eq(sittings.id, attempts.sittingId))
      .innerJoin(bookings, eq(bookings.id, attempts.bookingId))
      .innerJoin(candidate, eq(candidate.id, annulmentAppeals.userId))
      .leftJoin(annuller, eq(annuller.id, annulmentAppeals.annulledBy))
      .leftJoin(decider, eq(decider.id, annulmentAppeals.decidedBy))
      .where(where)
      .orderBy(
        order === 'newest' ? desc(annulmentAppeals.createdAt) : asc(annulmentAppeals.createdAt),
        asc(annulmentAppeals.id),
      );
  }

  return {
    /** The attempt with its sitting and who annulled it, only if it is the caller's. */
    async ownAttempt(userId: string, attemptId: string) {
      const [row] = await executor(db)
        .select({
          attempt: attempts,
          sittingCode: sittings.code,
          appealDays: sittings.appealDays,
          appealClosesAt: sittings.appealClosesAt,
          annullerName: annuller.fullName,
          annullerRole: annuller.role,
        })
        .from(attempts)
        .innerJoin(sittings, eq(sittings.id, attempts.sittingId))
        .leftJoin(annuller, eq(annuller.id, attempts.annulledBy))
        .where(and(eq(attempts.id, attemptId), eq(attempts.userId, userId)));
      return row;
    },

    /** Files an appeal; nothing when this annulment was already appealed (the unique index decides). */
    async insert(row: typeof annulmentAppeals.$inferInsert): Promise<AnnulmentAppeal | undefined> {
      const [created] = await executor(db).insert(annulmentAppeals).values(row).onConflictDoNothing().returning();
      return created;
    },

    /** The caller's appeals, newest first: of one attempt, or one of them by id. */
    own(userId: string, where: { attemptId?: string; id?: string }) {
      return rows(
        and(
          eq(annulmentAppeals.userId, userId),
          where.attemptId ? eq(annulmentAppeals.attemptId, where.attemptId) : undefined,
          where.id ? eq(annulmentAppeals.id, where.id) : undefined,
        ),
        'newest',
      );
    },

    /** Administrators' queue: pending ones oldest first, or decided ones newest first. */
    queue(status: 'pending' | 'decided') {
      return status === 'pending'
        ? rows(eq(annulmentAppeals.status, 'pending'), 'oldest')
        : rows(ne(annulmentAppeals.status, 'pending'), 'newest');
    },

    async one(id: string) {
      const [row] = await rows(eq(annulmentAppeals.id, id), 'newest');
      return row;
    },

    async lock(id: string): Promise<AnnulmentAppeal | undefined> {
      return lockRow(db, annulmentAppeals, id);
    },

    async update(id: string, set: Partial<typeof annulmentAppeals.$inferInsert>) {
      await updateRow(db, annulmentAppeals, id, set);
    },
  };
}

export type AnnulmentAppealsRepository = ReturnType<typeof createAnnulmentAppealsRepository>;
export type AnnulmentAppealRow = NonNullable<Awaited<ReturnType<AnnulmentAppealsRepository['one']>>>;
