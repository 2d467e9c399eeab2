import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { insertRow } from '../../../db/row-writes';
import {
  applications,
  attempts,
  blueprints,
  roundStages,
  sittings,
  stageAdvancements,
  stageResults,
  users,
  vacancies,
} from '../../../db/schema/index';

export function createStagesRepository(db: Db) {
  return {
    /** A round's stages in order, each with its blueprint's name. */
    async ofRound(roundId: string) {
      return executor(db)
        .select({ stage: roundStages, blueprintName: blueprints.name })
        .from(roundStages)
        .leftJoin(blueprints, eq(blueprints.id, roundStages.blueprintId))
        .where(eq(roundStages.roundId, roundId))
        .orderBy(asc(roundStages.position));
    },

    async replace(roundId: string, rows: (typeof roundStages.$inferInsert)[]): Promise<void> {
      await executor(db).delete(roundStages).where(eq(roundStages.roundId, roundId));
      if (rows.length) await executor(db).insert(roundStages).values(rows);
    },

    async blueprintsExist(ids: string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await executor(db).select({ id: blueprints.id }).from(blueprints).where(inArray(blueprints.id, ids));
      return new Set(rows.map((r) => r.id));
    },

    /** Every advancement of the given vacancies, with who published it. */
    async advancements(vacancyIds: string[]) {
      if (vacancyIds.length === 0) return [];
      return executor(db)
        .select({ advancement: stageAdvancements, advancedByName: users.fullName, vacancyCode: vacancies.code })
        .from(stageAdvancements)
        .innerJoin(users, eq(users.id, stageAdvancements.advancedBy))
        .innerJoin(vacancies, eq(vacancies.id, stageAdvancements.vacancyId))
        .where(inArray(stageAdvancements.vacancyId, vacancyIds))
        .orderBy(asc(vacancies.code), asc(stageAdvancements.advancedAt));
    },

    /** The per-candidate results of the given advancements, with the candidate's code and name. */
    async results(advancementIds: string[]) {
      if (advancementIds.length === 0) return [];
      return executor(db)
        .select({ result: stageResults, candidateCode: applications.candidateCode, fullName: users.fullName })
        .from(stageResults)
        .innerJoin(applications, eq(applications.id, stageResults.applicationId))
        .innerJoin(users, eq(users.id, applications.userId))
        .where(inArray(stageResults.advancementId, advancementIds))
        .orderBy(asc(stageResults.rank), asc(applications.candidateCode));
    },

    async resultsOfApplication(applicationId: string) {
      return executor(db)
        .select({ result: stageResults, advancement: stageAdvancements })
        .from(stageResults)
        .innerJoin(stageAdvancements, eq(stageAdvancements.id, stageResults.advancementId))
        .where(eq(stageResults.applicationId, applicationId));
    },

    async insertAdvancement(row: typeof stageAdvancements.$inferInsert) {
      return insertRow(db, stageAdvancements, row);
    },

    async insertResults(rows: (typeof stageResults.$inferInsert)[]): Promise<void> {
      if (rows.length) await executor(db).insert(stageResults).values(rows);
    },

    /** The sittings of a blueprint, the latest first (written work's marks are read sitting by sitting). */
    async sittingsOfBlueprint(blueprintId: string) {
      return executor(db)
        .select({ id: sittings.id })
        .from(sittings)
        .where(eq(sittings.blueprintId, blueprintId))
        .orderBy(desc(sittings.startsAt));
    },

    /**
     * Each user's scored result on a sitting of the blueprint whose results are published; the latest
     * sitting's when they sat more than one.
     */
    async blueprintResults(blueprintId: string, userIds: string[]) {
      if (userIds.length === 0) return new Map<string, { points: number; maxPoints: number }>();
      const rows = await executor(db)
        .select({ userId: attempts.userId, result: attempts.result })
        .from(attempts)
        .innerJoin(sittings, eq(sittings.id, attempts.sittingId))
        .where(
          and(
            eq(sittings.blueprintId, blueprintId),
            isNotNull(sittings.resultsPublishedAt),
            isNotNull(attempts.result),
            inArray(attempts.userId, userIds),
          ),
        )
        .orderBy(desc(sittings.startsAt));
      const out = new Map<string, { points: number; maxPoints: number }>();
      for (const row of rows)
        if (!out.has(row.userId)) out.set(row.userId, { points: row.result!.points, maxPoints: row.result!.maxPoints });
      return out;
    },
  };
}

export type StagesRepository = ReturnType<typeof createStagesRepository>;
