import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { findRow, lockRow } from '../../../db/row-reads';
import { insertRow, updateRow } from '../../../db/row-writes';
import {
  agencies,
  categories,
  competitionRounds,
  users,
  vacancies,
  type Agency,
  type CompetitionRound,
  type Vacancy,
} from '../../../db/schema/index';

export interface VacancyRow {
  vacancy: Vacancy;
  agency: Agency;
  round: CompetitionRound;
}

export function createRoundsRepository(db: Db) {
  const vacancyRows = () =>
    executor(db)
      .select({ vacancy: vacancies, agency: agencies, round: competitionRounds })
      .from(vacancies)
      .innerJoin(agencies, eq(agencies.id, vacancies.agencyId))
      .innerJoin(competitionRounds, eq(competitionRounds.id, vacancies.roundId));

  return {
    async list(options: { announcedOnly: boolean }): Promise<CompetitionRound[]> {
      return executor(db)
        .select()
        .from(competitionRounds)
        .where(options.announcedOnly ? isNotNull(competitionRounds.announcedAt) : undefined)
        .orderBy(desc(competitionRounds.createdAt), asc(competitionRounds.code));
    },

    async find(id: string): Promise<CompetitionRound | undefined> {
      return findRow(db, competitionRounds, id);
    },

    async lock(id: string): Promise<CompetitionRound | undefined> {
      return lockRow(db, competitionRounds, id);
    },

    /** The names and roles of these accounts: the officials a view names (who appoints, who recorded an absence). */
    async officials(ids: string[]) {
      if (ids.length === 0) return [];
      return executor(db)
        .select({ id: users.id, fullName: users.fullName, role: users.role })
        .from(users)
        .where(inArray(users.id, ids));
    },

    async announcer(id: string | null) {
      if (!id) return null;
      const [row] = await executor(db)
        .select({ id: users.id, fullName: users.fullName })
        .from(users)
        .where(eq(users.id, id));
      return row ?? null;
    },

    async insert(row: typeof competitionRounds.$inferInsert): Promise<CompetitionRound> {
      return insertRow(db, competitionRounds, row);
    },

    async update(id: string, set: Partial<typeof competitionRounds.$inferInsert>): Promise<void> {
      await updateRow(db, competitionRounds, id, set);
    },

    /** The rounds' vacancies with their agencies, in code order. */
    async vacanciesOf(roundIds: string[]): Promise<VacancyRow[]> {
      if (roundIds.length === 0) return [];
      return vacancyRows().where(inArray(vacancies.roundId, roundIds)).orderBy(asc(vacancies.code));
    },

    async vacancy(id: string): Promise<VacancyRow | undefined> {
      const [row] = await vacancyRows().where(eq(vacancies.id, id));
      return row;
    },

    async lockVacancy(id: string): Promise<Vacancy | undefined> {
      return lockRow(db, vacancies, id);
    },

    async announcedVacancy(id: string): Promise<VacancyRow | undefined> {
      const [row] = await vacancyRows().where(and(eq(vacancies.id, id), isNotNull(vacancies.announcedAt)));
      return row;
    },

    async category(code: string) {
      const [row] = await executor(db).select().from(categories).where(eq(categories.code, code));
      return row;
    },

    async insertVacancy(row: typeof vacancies.$inferInsert): Promise<Vacancy> {
      return insertRow(db, vacancies, row);
    },

    async updateVacancy(id: string, set: Partial<typeof vacancies.$inferInsert>): Promise<void> {
      await updateRow(db, vacancies, id, set);
    },

    async removeVacancy(id: string): Promise<void> {
      await executor(db).delete(vacancies).where(eq(vacancies.id, id));
    },
  };
}

export type RoundsRepository = ReturnType<typeof createRoundsRepository>;
