import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { insertRow } from '../../../db/row-writes';
import { appointments, users, vacancyRankings, type Appointment } from '../../../db/schema/index';

export function createAppointmentsRepository(db: Db) {
  return {
    async ranking(vacancyId: string) {
      return executor(db)
        .select()
        .from(vacancyRankings)
        .where(eq(vacancyRankings.vacancyId, vacancyId))
        .orderBy(asc(vacancyRankings.rank));
    },

    async insertRanking(rows: (typeof vacancyRankings.$inferInsert)[]): Promise<void> {
      if (rows.length) await executor(db).insert(vacancyRankings).values(rows);
    },

    /** The vacancy's appointments in rank order, each with the official who recorded it. */
    async appointments(vacancyId: string) {
      return executor(db)
        .select({ appointment: appointments, officialName: users.fullName, officialRole: users.role })
        .from(appointments)
        .innerJoin(users, eq(users.id, appointments.appointedBy))
        .where(eq(appointments.vacancyId, vacancyId))
        .orderBy(asc(appointments.rank));
    },

    async insertAppointment(row: typeof appointments.$inferInsert): Promise<Appointment> {
      return insertRow(db, appointments, row);
    },
  };
}

export type AppointmentsRepository = ReturnType<typeof createAppointmentsRepository>;
