import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { insertRow } from '../../../db/row-writes';
import {
  applications,
  attempts,
  certificates,
  interviewPanelMembers,
  interviewScores,
  interviewSlots,
  users,
  type InterviewScore,
} from '../../../db/schema/index';

export function createInterviewsRepository(db: Db) {
  return {
    /** The vacancy's panel with each member's name and account role, the chair first. */
    async panel(vacancyId: string) {
      return executor(db)
        .select({
          userId: interviewPanelMembers.userId,
          panelRole: interviewPanelMembers.panelRole,
          fullName: users.fullName,
          role: users.role,
        })
        .from(interviewPanelMembers)
        .innerJoin(users, eq(users.id, interviewPanelMembers.userId))
        .where(eq(interviewPanelMembers.vacancyId, vacancyId))
        .orderBy(asc(interviewPanelMembers.panelRole), asc(users.fullName));
    },

    async accounts(ids: string[]) {
      if (ids.length === 0) return [];
      return executor(db).select({ id: users.id, role: users.role }).from(users).where(inArray(users.id, ids));
    },

    async replacePanel(vacancyId: string, rows: (typeof interviewPanelMembers.$inferInsert)[]): Promise<void> {
      await executor(db).delete(interviewPanelMembers).where(eq(interviewPanelMembers.vacancyId, vacancyId));
      await executor(db).insert(interviewPanelMembers).values(rows);
    },

    async membership(vacancyId: string, userId: string) {
      const [row] = await executor(db)
        .select()
        .from(interviewPanelMembers)
        .where(and(eq(interviewPanelMembers.vacancyId, vacancyId), eq(interviewPanelMembers.userId, userId)));
      return row;
    },

    async memberships(userId: string) {
      return executor(db).select().from(interviewPanelMembers).where(eq(interviewPanelMembers.userId, userId));
    },

    /** The vacancy's applications with the applicant's name and the test result their certificate rests on. */
    async applicationsOf(vacancyIds: string[]) {
      if (vacancyIds.length === 0) return [];
      return executor(db)
        .select({ application: applications, fullName: users.fullName, result: attempts.result })
        .from(applications)
        .innerJoin(users, eq(users.id, applications.userId))
        .innerJoin(certificates, eq(certificates.id, applications.certificateId))
        .innerJoin(attempts, eq(attempts.id, certificates.attemptId))
        .where(inArray(applications.vacancyId, vacancyIds))
        .orderBy(asc(applications.candidateCode), asc(applications.id));
    },

    async slots(vacancyIds: string[]) {
      if (vacancyIds.length === 0) return [];
      return executor(db)
        .select()
        .from(interviewSlots)
        .where(inArray(interviewSlots.vacancyId, vacancyIds))
        .orderBy(asc(interviewSlots.startsAt));
    },

    async slotOf(applicationId: string) {
      const [row] = await executor(db)
        .select()
        .from(interviewSlots)
        .where(eq(interviewSlots.applicationId, applicationId));
      return row;
    },

    async setSlot(row: typeof interviewSlots.$inferInsert): Promise<void> {
      await executor(db)
        .insert(interviewSlots)
        .values(row)
        .onConflictDoUpdate({
          target: interviewSlots.applicationId,
          set: {
            startsAt: row.startsAt,
            location: row.location,
            scheduledBy: row.scheduledBy,
            scheduledAt: row.scheduledAt,
          },
        });
    },

    async scores(vacancyIds: string[]) {
      if (vacancyIds.length === 0) return [];
      return executor(db)
        .select({ score: interviewScores, fullName: users.fullName })
        .from(interviewScores)
        .innerJoin(users, eq(users.id, interviewScores.memberId))
        .where(inArray(interviewScores.vacancyId, vacancyIds))
        .orderBy(asc(interviewScores.enteredAt), asc(interviewScores.id));
    },

    async scoresFor(applicationId: string) {
      return executor(db).select().from(interviewScores).where(eq(interviewScores.applicationId, applicationId));
    },

    async insertScore(row: typeof interviewScores.$inferInsert): Promise<InterviewScore> {
      return insertRow(db, interviewScores, row);
    },
  };
}

export type InterviewsRepository = ReturnType<typeof createInterviewsRepository>;
