import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { findRow } from '../../../db/row-reads';
import { insertRow, updateRowReturning } from '../../../db/row-writes';
import { agencies, vacancies, type Agency } from '../../../db/schema/index';

export function createAgenciesRepository(db: Db) {
  return {
    async list(): Promise<Agency[]> {
      return executor(db).select().from(agencies).orderBy(asc(agencies.code));
    },

    async find(id: string): Promise<Agency | undefined> {
      return findRow(db, agencies, id);
    },

    async insert(row: typeof agencies.$inferInsert): Promise<Agency> {
      return insertRow(db, agencies, row);
    },

    async update(id: string, set: Partial<typeof agencies.$inferInsert>): Promise<Agency | undefined> {
      return updateRowReturning(db, agencies, id, set);
    },

    async inUse(id: string): Promise<boolean> {
      const [row] = await executor(db)
        .select({ id: vacancies.id })
        .from(vacancies)
        .where(eq(vacancies.agencyId, id))
        .limit(1);
      return row !== undefined;
    },

    async remove(id: string): Promise<void> {
      await executor(db).delete(agencies).where(eq(agencies.id, id));
    },
  };
}

export type AgenciesRepository = ReturnType<typeof createAgenciesRepository>;
