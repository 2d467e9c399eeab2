import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { findRow, lockRow } from '../../../db/row-reads';
import { insertRow, updateRow } from '../../../db/row-writes';
import {
  applications,
  appointments,
  attempts,
  bookings,
  categories,
  certificates,
  interviewPanelMembers,
  interviewScores,
  interviewSlots,
  users,
  vacancyRankings,
  type Application,
  type Category,
} from '../../../db/schema/index';

export function createApplicationsRepository(db: Db) {
  return {
    async categories(): Promise<Category[]> {
      return executor(db).select().from(categories).orderBy(asc(categories.position));
    },

    /** The applicant's certificates with the result each rests on and the code it was published under. */
    async certificatesOf(userId: string) {
      return executor(db)
        .select({
          certificate: certificates,
          result: attempts.result,
          candidateCode: bookings.candidateCode,
        })
        .from(certificates)
        .innerJoin(attempts, eq(attempts.id, certificates.attemptId))
        .innerJoin(bookings, eq(bookings.id, attempts.bookingId))
        .where(eq(certificates.userId, userId))
        .orderBy(desc(certificates.issuedAt));
    },

    /** The applicant's applications in the round that count against its limit (not withdrawn). */
    async countedInRound(roundId: string, userId: string): Promise<number> {
      const rows = await executor(db)
        .select({ id: applications.id })
        .from(applications)
        .where(
          and(eq(applications.roundId, roundId), eq(applications.userId, userId), ne(applications.status, 'withdrawn')),
        );
      return rows.length;
    },

    async existing(vacancyId: string, userId: string): Promise<Application | undefined> {
      const [row] = await executor(db)
        .select()
        .from(applications)
        .where(and(eq(applications.vacancyId, vacancyId), eq(applications.userId, userId)));
      return row;
    },

    async insert(row: typeof applications.$inferInsert): Promise<Application> {
      return insertRow(db, applications, row);
    },

    async update(id: string, set: Partial<typeof applications.$inferInsert>): Promise<void> {
      await updateRow(db, applications, id, set);
    },

    async find(id: string): Promise<Application | undefined> {
      return findRow(db, applications, id);
    },

    async lock(id: string): Promise<Application | undefined> {
      return lockRow(db, applications, id);
    },

    /** Only the owner's: every query for an applicant is scoped by user in its where clause. */
    async listOwn(userId: string, id?: string): Promise<Application[]> {
      return executor(db)
        .select()
        .from(applications)
        .where(and(eq(applications.userId, userId), id ? eq(applications.id, id) : undefined))
        .orderBy(desc(applications.createdAt), asc(applications.id));
    },

    async certificateCodes(ids: string[]) {
      if (ids.length === 0) return [];
      return executor(db)
        .select({ id: certificates.id, code: certificates.code })
        .from(certificates)
        .where(inArray(certificates.id, ids));
    },

    async slots(applicationIds: string[]) {
      if (applicationIds.length === 0) return [];
      return executor(db).select().from(interviewSlots).where(inArray(interviewSlots.applicationId, applicationIds));
    },

    /** The scores entered for the applications, each with its member's name, account role and panel role. */
    async scores(applicationIds: string[]) {
      if (applicationIds.length === 0) return [];
      return executor(db)
        .select({
          score: interviewScores,
          fullName: users.fullName,
          role: users.role,
          panelRole: interviewPanelMembers.panelRole,
        })
        .from(interviewScores)
        .innerJoin(users, eq(users.id, interviewScores.memberId))
        .leftJoin(
          interviewPanelMembers,
          and(
            eq(interviewPanelMembers.vacancyId, interviewScores.vacancyId),
            eq(interviewPanelMembers.userId, interviewScores.memberId),
          ),
        )
        .where(inArray(interviewScores.applicationId, applicationIds))
        .orderBy(asc(interviewScores.enteredAt), asc(interviewScores.id));
    },

    async rankings(applicationIds: string[]) {
      if (applicationIds.length === 0) return [];
      return executor(db).select().from(vacancyRankings).where(inArray(vacancyRankings.applicationId, applicationIds));
    },

    async appointments(applicationIds: string[]) {
      if (applicationIds.length === 0) return [];
      return executor(db)
        .select({ appointment: appointments, fullName: users.fullName, role: users.role })
        .from(appointments)
        .innerJoin(users, eq(users.id, appointments.appointedBy))
        .where(inArray(appointments.applicationId, applicationIds));
    },
  };
}

export type ApplicationsRepository = ReturnType<typeof createApplicationsRepository>;
