import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { insertRow, updateRow } from '../../../db/row-writes';
import {
  attemptAnswers,
  attempts,
  bookings,
  essayAssignments,
  essayMarkingPlans,
  essayMarkings,
  essayScripts,
  questionVersions,
  sittings,
  users,
  type EssayMarking,
  type EssayScript,
} from '../../../db/schema/index';

/**
 * Written-work marking. The queries a marker's routes use (`queue`, `scriptByCode`, `assignment`,
 * `markingsBy`) read the script tables only: none joins the attempt, the booking or the user behind a
 * script, so no marker route can carry a candidate's identity.
 */
export function createMarkingRepository(db: Db) {
  return {
    async sitting(id: string) {
      const [row] = await executor(db)
        .select({ id: sittings.id, code: sittings.code, blueprint: sittings.blueprint })
        .from(sittings)
        .where(eq(sittings.id, id));
      return row;
    },

    async plan(sittingId: string, lock = false) {
      const query = executor(db).select().from(essayMarkingPlans).where(eq(essayMarkingPlans.sittingId, sittingId));
      const [row] = lock ? await query.for('update') : await query;
      return row;
    },

    async insertPlan(row: typeof essayMarkingPlans.$inferInsert) {
      await executor(db).insert(essayMarkingPlans).values(row);
    },

    async reveal(sittingId: string, by: string, at: Date) {
      await executor(db)
        .update(essayMarkingPlans)
        .set({ revealedAt: at, revealedBy: by })
        .where(eq(essayMarkingPlans.sittingId, sittingId));
    },

    async accounts(ids: string[]) {
      if (ids.length === 0) return [];
      return executor(db)
        .select({ id: users.id, role: users.role, fullName: users.fullName, disabled: users.disabledAt })
        .from(users)
        .where(inArray(users.id, ids));
    },

    /** The sitting's attempts by status, to refuse a plan while any is still being written. */
    async attemptsOf(sittingId: string) {
      return executor(db)
        .select({ id: attempts.id, status: attempts.status, paper: attempts.paper, versionIds: attempts.versionIds })
        .from(attempts)
        .where(eq(attempts.sittingId, sittingId));
    },

    async essayVersions(versionIds: string[]) {
      if (versionIds.length === 0) return [];
      return executor(db)
        .select({ id: questionVersions.id, content: questionVersions.content, key: questionVersions.answerKey })
        .from(questionVersions)
        .where(and(inArray(questionVersions.id, versionIds), eq(questionVersions.type, 'essay')));
    },

    async answers(attemptIds: string[], versionIds: string[]) {
      if (attemptIds.length === 0 || versionIds.length === 0) return [];
      return executor(db)
        .select({
          attemptId: attemptAnswers.attemptId,
          versionId: attemptAnswers.versionId,
          answer: attemptAnswers.answer,
        })
        .from(attemptAnswers)
        .where(and(inArray(attemptAnswers.attemptId, attemptIds), inArray(attemptAnswers.versionId, versionIds)));
    },

    async insertScripts(rows: (typeof essayScripts.$inferInsert)[]): Promise<EssayScript[]> {
      if (rows.length === 0) return [];
      return executor(db).insert(essayScripts).values(rows).returning();
    },

    async insertAssignments(rows: (typeof essayAssignments.$inferInsert)[]) {
      if (rows.length === 0) return;
      await executor(db).insert(essayAssignments).values(rows);
    },

    async scriptByCode(code: string, lock = false) {
      const query = executor(db).select().from(essayScripts).where(eq(essayScripts.code, code));
      const [row] = lock ? await query.for('update') : await query;
      return row;
    },

    async version(id: string) {
      const [row] = await executor(db)
        .select({ content: questionVersions.content, key: questionVersions.answerKey })
        .from(questionVersions)
        .where(eq(questionVersions.id, id));
      return row;
    },

    async assignment(scriptId: string, markerId: string) {
      const [row] = await executor(db)
        .select()
        .from(essayAssignments)
        .where(and(eq(essayAssignments.scriptId, scriptId), eq(essayAssignments.markerId, markerId)));
      return row;
    },

    async markingsOf(scriptIds: string[]): Promise<EssayMarking[]> {
      if (scriptIds.length === 0) return [];
      return executor(db)
        .select()
        .from(essayMarkings)
        .where(inArray(essayMarkings.scriptId, scriptIds))
        .orderBy(asc(essayMarkings.enteredAt));
    },

    async insertMarking(row: typeof essayMarkings.$inferInsert): Promise<EssayMarking> {
      return insertRow(db, essayMarkings, row);
    },

    async updateScript(id: string, set: Partial<typeof essayScripts.$inferInsert>) {
      await updateRow(db, essayScripts, id, set);
    },

    /** A marker's scripts: code, role and sitting, with their own marking's total if entered. */
    async queue(markerId: string) {
      return executor(db)
        .select({
          scriptId: essayScripts.id,
          code: essayScripts.code,
          status: essayScripts.status,
          maxPoints: essayScripts.maxPoints,
          role: essayAssignments.role,
          assignedAt: essayAssignments.assignedAt,
          sittingCode: sittings.code,
        })
        .from(essayAssignments)
        .innerJoin(essayScripts, eq(essayScripts.id, essayAssignments.scriptId))
        .innerJoin(sittings, eq(sittings.id, essayScripts.sittingId))
        .where(eq(essayAssignments.markerId, markerId))
        .orderBy(asc(essayAssignments.assignedAt), asc(essayScripts.code));
    },

    async markingsBy(markerId: string, scriptIds: string[]) {
      if (scriptIds.length === 0) return [];
      return executor(db)
        .select({ scriptId: essayMarkings.scriptId, total: essayMarkings.total })
        .from(essayMarkings)
        .where(and(eq(essayMarkings.markerId, markerId), inArray(essayMarkings.scriptId, scriptIds)));
    },

    async scriptsOfSitting(sittingId: string) {
      return executor(db)
        .select()
        .from(essayScripts)
        .where(eq(essayScripts.sittingId, sittingId))
        .orderBy(asc(essayScripts.code));
    },

    async assignmentsOf(scriptIds: string[]) {
      if (scriptIds.length === 0) return [];
      return executor(db).select().from(essayAssignments).where(inArray(essayAssignments.scriptId, scriptIds));
    },

    /** For the stage's list (H4): each attempt's scripts with the candidate behind it. Never on a marker's route. */
    async scriptsWithCandidates(sittingId: string) {
      return executor(db)
        .select({
          attemptId: essayScripts.attemptId,
          userId: attempts.userId,
          candidateCode: bookings.candidateCode,
          maxPoints: essayScripts.maxPoints,
          finalPoints: essayScripts.finalPoints,
          status: essayScripts.status,
        })
        .from(essayScripts)
        .innerJoin(attempts, eq(attempts.id, essayScripts.attemptId))
        .innerJoin(bookings, eq(bookings.id, attempts.bookingId))
        .where(eq(essayScripts.sittingId, sittingId))
        .orderBy(asc(bookings.candidateCode));
    },

    /** The candidates behind late scripts' attempts, for the stage's list only. Never on a marker's route. */
    async candidatesOf(attemptIds: string[]) {
      if (attemptIds.length === 0) return [];
      return executor(db)
        .select({ attemptId: attempts.id, userId: attempts.userId, candidateCode: bookings.candidateCode })
        .from(attempts)
        .innerJoin(bookings, eq(bookings.id, attempts.bookingId))
        .where(inArray(attempts.id, attemptIds));
    },

    /** The candidate's own attempt, scoped by owner. */
    async ownAttempt(attemptId: string, userId: string) {
      const [row] = await executor(db)
        .select({
          id: attempts.id,
          status: attempts.status,
          sittingId: attempts.sittingId,
          blueprint: sittings.blueprint,
          sittingCode: sittings.code,
          appealDays: sittings.appealDays,
        })
        .from(attempts)
        .innerJoin(sittings, eq(sittings.id, attempts.sittingId))
        .where(and(eq(attempts.id, attemptId), eq(attempts.userId, userId)));
      return row;
    },

    async scriptsOfAttempt(attemptId: string) {
      return executor(db)
        .select()
        .from(essayScripts)
        .where(eq(essayScripts.attemptId, attemptId))
        .orderBy(asc(essayScripts.createdAt), asc(essayScripts.code));
    },

    /** Markings with their markers' names: only for the candidate's view after the reveal. */
    async markingsWithNames(scriptIds: string[]) {
      if (scriptIds.length === 0) return [];
      return executor(db)
        .select({ marking: essayMarkings, markerName: users.fullName })
        .from(essayMarkings)
        .innerJoin(users, eq(users.id, essayMarkings.markerId))
        .where(inArray(essayMarkings.scriptId, scriptIds))
        .orderBy(asc(essayMarkings.enteredAt));
    },
  };
}

export type MarkingRepository = ReturnType<typeof createMarkingRepository>;
