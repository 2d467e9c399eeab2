import { and, asc, eq, inArray, isNull, notExists, sql } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import {
  attempts,
  essayAssignments,
  essayMarkingAppealDecisions,
  essayMarkingAppeals,
  essayMarkingPlans,
  essayScripts,
  sittings,
  users,
  type EssayMarkingAppeal,
  type EssayMarkingAppealDecision,
} from '../../../db/schema/index';

/**
 * Appeals against a marking. The decider's queries (`queue`, `byCode`) read the script and appeal tables
 * only, never the attempt, booking or user behind a script, as a marker's do; the candidate's (`ownScript`,
 * `ofScripts`) are scoped by the attempt's owner.
 */
export function createMarkingAppealsRepository(db: Db) {
  return {
    /** The candidate's own script by its code, with the sitting's appeal days and the reveal. */
    async ownScript(userId: string, attemptId: string, code: string) {
      const [row] = await executor(db)
        .select({
          script: essayScripts,
          attemptStatus: attempts.status,
          sittingCode: sittings.code,
          appealDays: sittings.appealDays,
          revealedAt: essayMarkingPlans.revealedAt,
        })
        .from(essayScripts)
        .innerJoin(attempts, eq(attempts.id, essayScripts.attemptId))
        .innerJoin(sittings, eq(sittings.id, essayScripts.sittingId))
        .innerJoin(essayMarkingPlans, eq(essayMarkingPlans.sittingId, essayScripts.sittingId))
        .where(and(eq(essayScripts.code, code), eq(attempts.id, attemptId), eq(attempts.userId, userId)));
      return row;
    },

    /** Files an appeal, or returns nothing when the script already has one. */
    async insert(row: typeof essayMarkingAppeals.$inferInsert): Promise<EssayMarkingAppeal | undefined> {
      const [inserted] = await executor(db).insert(essayMarkingAppeals).values(row).onConflictDoNothing().returning();
      return inserted;
    },

    /** The appeals on these scripts with their decisions and the deciders' names and roles (the candidate's view). */
    async ofScripts(scriptIds: string[]) {
      if (scriptIds.length === 0) return [];
      return executor(db)
        .select({
          appeal: essayMarkingAppeals,
          decision: essayMarkingAppealDecisions,
          deciderName: users.fullName,
          deciderRole: users.role,
        })
        .from(essayMarkingAppeals)
        .leftJoin(essayMarkingAppealDecisions, eq(essayMarkingAppealDecisions.appealId, essayMarkingAppeals.id))
        .leftJoin(users, eq(users.id, essayMarkingAppealDecisions.decidedBy))
        .where(inArray(essayMarkingAppeals.scriptId, scriptIds));
    },

    /** Appeals a staff member may decide: on scripts they hold no role on, pending first, then the decided. */
    async queue(deciderId: string) {
      return executor(db)
        .select({
          code: essayScripts.code,
          sittingCode: sittings.code,
          maxPoints: essayScripts.maxPoints,
          filedAt: essayMarkingAppeals.createdAt,
          outcome: essayMarkingAppealDecisions.outcome,
          decidedAt: essayMarkingAppealDecisions.decidedAt,
        })
        .from(essayMarkingAppeals)
        .innerJoin(essayScripts, eq(essayScripts.id, essayMarkingAppeals.scriptId))
        .innerJoin(sittings, eq(sittings.id, essayScripts.sittingId))
        .leftJoin(essayMarkingAppealDecisions, eq(essayMarkingAppealDecisions.appealId, essayMarkingAppeals.id))
        .where(
          notExists(
            executor(db)
              .select({ one: sql`1` })
              .from(essayAssignments)
              .where(and(eq(essayAssignments.scriptId, essayScripts.id), eq(essayAssignments.markerId, deciderId))),
          ),
        )
        .orderBy(sql`${essayMarkingAppealDecisions.appealId} is not null`, asc(essayMarkingAppeals.createdAt));
    },

    /** The appeal on a script, by the script's code (a decider reaches it as a marker reaches a script). */
    async byCode(code: string) {
      const [row] = await executor(db)
        .select({ appeal: essayMarkingAppeals, decision: essayMarkingAppealDecisions })
        .from(essayMarkingAppeals)
        .innerJoin(essayScripts, eq(essayScripts.id, essayMarkingAppeals.scriptId))
        .leftJoin(essayMarkingAppealDecisions, eq(essayMarkingAppealDecisions.appealId, essayMarkingAppeals.id))
        .where(eq(essayScripts.code, code));
      return row;
    },

    async insertDecision(
      row: typeof essayMarkingAppealDecisions.$inferInsert,
    ): Promise<EssayMarkingAppealDecision | undefined> {
      const [inserted] = await executor(db)
        .insert(essayMarkingAppealDecisions)
        .values(row)
        .onConflictDoNothing()
        .returning();
      return inserted;
    },

    /** Whether any of a sitting's appeals awaits its decision (the stage holds the candidate meanwhile). */
    async pendingOfSitting(sittingId: string) {
      return executor(db)
        .select({ attemptId: essayScripts.attemptId })
        .from(essayMarkingAppeals)
        .innerJoin(essayScripts, eq(essayScripts.id, essayMarkingAppeals.scriptId))
        .leftJoin(essayMarkingAppealDecisions, eq(essayMarkingAppealDecisions.appealId, essayMarkingAppeals.id))
        .where(and(eq(essayScripts.sittingId, sittingId), isNull(essayMarkingAppealDecisions.appealId)));
    },

    /** The account told of the decision: the appellant, read only by the service, never returned to the decider. */
    async appellant(appealId: string) {
      const [row] = await executor(db)
        .select({ userId: essayMarkingAppeals.userId, attemptId: essayScripts.attemptId })
        .from(essayMarkingAppeals)
        .innerJoin(essayScripts, eq(essayScripts.id, essayMarkingAppeals.scriptId))
        .where(eq(essayMarkingAppeals.id, appealId));
      return row!;
    },
  };
}

export type MarkingAppealsRepository = ReturnType<typeof createMarkingAppealsRepository>;
