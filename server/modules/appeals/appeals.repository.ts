import { and, asc, desc, eq, inArray, ne, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { lockRow } from '../../../db/row-reads';
import { insertRow, updateRow } from '../../../db/row-writes';
import {
  appealDecisions,
  appeals,
  attempts,
  bookings,
  itemRulings,
  questionVersions,
  rescoringJobs,
  sittings,
  users,
  type Appeal,
  type AppealDecision,
  type AppealStatus,
} from '../../../db/schema/index';

const decider = alias(users, 'decider');
const confirmer = alias(users, 'confirmer');
const closer = alias(users, 'closer');

/** A decision with the names and roles of the officials who answer for it. */
const decisionColumns = {
  decision: appealDecisions,
  deciderName: decider.fullName,
  deciderRole: decider.role,
  confirmerName: confirmer.fullName,
  confirmerRole: confirmer.role,
};

export function createAppealsRepository(db: Db) {
  /** Appeals with where they stand on the paper, for the candidate (by owner) or the queue. */
  function appealRows(where: SQL | undefined, order: 'newest' | 'queue') {
    return executor(db)
      .select({
        appeal: appeals,
        paper: attempts.paper,
        sittingCode: sittings.code,
        candidateCode: bookings.candidateCode,
        ...decisionColumns,
      })
      .from(appeals)
      .innerJoin(attempts, eq(attempts.id, appeals.attemptId))
      .innerJoin(sittings, eq(sittings.id, attempts.sittingId))
      .innerJoin(bookings, eq(bookings.id, attempts.bookingId))
      .leftJoin(appealDecisions, eq(appealDecisions.id, appeals.decisionId))
      .leftJoin(decider, eq(decider.id, appealDecisions.decidedBy))
      .leftJoin(confirmer, eq(confirmer.id, appealDecisions.confirmedBy))
      .where(where)
      .orderBy(
        ...(order === 'newest'
          ? [desc(appeals.createdAt), asc(appeals.id)]
          : [asc(appeals.versionId), asc(appeals.createdAt), asc(appeals.id)]),
      );
  }

  return {
    /** The attempt, only if it is the caller's, with what filing an appeal checks. */
    async ownAttempt(userId: string, attemptId: string) {
      const [row] = await executor(db)
        .select({
          id: attempts.id,
          status: attempts.status,
          versionIds: attempts.versionIds,
          resultsPublishedAt: sittings.resultsPublishedAt,
          appealClosesAt: sittings.appealClosesAt,
        })
        .from(attempts)
        .innerJoin(sittings, eq(sittings.id, attempts.sittingId))
        .where(and(eq(attempts.id, attemptId), eq(attempts.userId, userId)));
      return row;
    },

    /** Files an appeal; nothing when the candidate already appealed this item (the unique index decides). */
    async insert(row: typeof appeals.$inferInsert): Promise<Appeal | undefined> {
      const [created] = await executor(db).insert(appeals).values(row).onConflictDoNothing().returning();
      return created;
    },

    /** The caller's own appeals, newest first (or one of them). */
    async own(userId: string, id?: string) {
      return appealRows(and(eq(appeals.userId, userId), id ? eq(appeals.id, id) : undefined), 'newest');
    },

    /** Pending appeals, or decided ones, by version then filing time. */
    async queue(status: 'pending' | 'decided') {
      return appealRows(status === 'pending' ? eq(appeals.status, 'pending') : ne(appeals.status, 'pending'), 'queue');
    },

    /** Every appeal against one version, whatever its state. */
    async ofVersion(versionId: string) {
      return appealRows(eq(appeals.versionId, versionId), 'queue');
    },

    /** The rulings made on one version, oldest first. */
    async rulingsOf(versionId: string) {
      return executor(db)
        .select()
        .from(itemRulings)
        .where(eq(itemRulings.versionId, versionId))
        .orderBy(asc(itemRulings.createdAt));
    },

    async versions(ids: string[]) {
      if (ids.length === 0) return [];
      return executor(db)
        .select({
          id: questionVersions.id,
          questionId: questionVersions.questionId,
          version: questionVersions.version,
          content: questionVersions.content,
        })
        .from(questionVersions)
        .where(inArray(questionVersions.id, ids));
    },

    /**
     * The version, locked: decisions on one version are made one at a time, so two examiners cannot
     * both open a decision on the same appeals. (A lock, not a write: used versions never change.)
     */
    async lockVersion(id: string) {
      const [row] = await executor(db)
        .select({ id: questionVersions.id, questionId: questionVersions.questionId, content: questionVersions.content })
        .from(questionVersions)
        .where(eq(questionVersions.id, id))
        .for('update');
      return row;
    },

    async pendingCount(versionId: string): Promise<number> {
      const rows = await executor(db)
        .select({ id: appeals.id })
        .from(appeals)
        .where(and(eq(appeals.versionId, versionId), eq(appeals.status, 'pending')));
      return rows.length;
    },

    /** Answers every pending appeal against the version with the decision. Returns the appellants' appeals. */
    async resolvePending(versionId: string, status: AppealStatus, decisionId: string) {
      return executor(db)
        .update(appeals)
        .set({ status, decisionId })
        .where(and(eq(appeals.versionId, versionId), eq(appeals.status, 'pending')))
        .returning({ id: appeals.id, userId: appeals.userId, attemptId: appeals.attemptId });
    },

    async insertDecision(row: typeof appealDecisions.$inferInsert): Promise<AppealDecision> {
      return insertRow(db, appealDecisions, row);
    },

    async lockDecision(id: string): Promise<AppealDecision | undefined> {
      return lockRow(db, appealDecisions, id);
    },

    async updateDecision(id: string, set: Partial<typeof appealDecisions.$inferInsert>) {
      await updateRow(db, appealDecisions, id, set);
    },

    async awaitingFor(versionId: string): Promise<AppealDecision | undefined> {
      const [row] = await executor(db)
        .select()
        .from(appealDecisions)
        .where(and(eq(appealDecisions.versionId, versionId), eq(appealDecisions.status, 'awaiting-confirmation')));
      return row;
    },

    /** Decisions with their officials and the re-scoring each queued (newest first). */
    async decisions(where: { ids?: string[]; awaitingVersions?: string[]; version?: string }) {
      const conditions: SQL[] = [];
      if (where.ids) conditions.push(inArray(appealDecisions.id, where.ids.length ? where.ids : [NO_ID]));
      if (where.version) conditions.push(eq(appealDecisions.versionId, where.version));
      if (where.awaitingVersions) {
        conditions.push(
          inArray(appealDecisions.versionId, where.awaitingVersions.length ? where.awaitingVersions : [NO_ID]),
          eq(appealDecisions.status, 'awaiting-confirmation'),
        );
      }
      return executor(db)
        .select({
          ...decisionColumns,
          decision: appealDecisions,
          closerName: closer.fullName,
          closerRole: closer.role,
          rescoringJobId: rescoringJobs.id,
        })
        .from(appealDecisions)
        .innerJoin(decider, eq(decider.id, appealDecisions.decidedBy))
        .leftJoin(confirmer, eq(confirmer.id, appealDecisions.confirmedBy))
        .leftJoin(closer, eq(closer.id, appealDecisions.closedBy))
        .leftJoin(itemRulings, eq(itemRulings.decisionId, appealDecisions.id))
        .leftJoin(rescoringJobs, eq(rescoringJobs.rulingId, itemRulings.id))
        .where(and(...conditions))
        .orderBy(desc(appealDecisions.decidedAt), desc(appealDecisions.id));
    },
  };
}

const NO_ID = '00000000-0000-0000-0000-000000000000';

export type AppealsRepository = ReturnType<typeof createAppealsRepository>;
export type AppealRow = Awaited<ReturnType<AppealsRepository['own']>>[number];
export type DecisionRow = Awaited<ReturnType<AppealsRepository['decisions']>>[number];
