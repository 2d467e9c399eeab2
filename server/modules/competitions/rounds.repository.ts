import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
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
  const vacancyRows = (tx: Db) =>
    tx
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

    async find(id: string, tx: Db = executor(db)): Promise<CompetitionRound | undefined> {
      const [row] = await tx.select().from(competitionRounds).where(eq(competitionRounds.id, id));
      return row;
    },

    async lock(id: string, tx: Db = executor(db)): Promise<CompetitionRound | undefined> {
      const [row] = await tx.select().from(competitionRounds).where(eq(competitionRounds.id, id)).for('update');
      return row;
    },

    async officials(ids: string[], tx: Db = executor(db)) {
      if (ids.length === 0) return [];
      return tx
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

    async insert(row: typeof competitionRounds.$inferInsert, tx: Db = executor(db)): Promise<CompetitionRound> {
      const [created] = await tx.insert(competitionRounds).values(row).returning();
      return created!;
    },

    async update(
      id: string,
      set: Partial<typeof competitionRounds.$inferInsert>,
      tx: Db = executor(db),
    ): Promise<void> {
      await tx.update(competitionRounds).set(set).where(eq(competitionRounds.id, id));
    },

    /** The rounds' vacancies with their agencies, in code order. */
    async vacanciesOf(roundIds: string[], tx: Db = executor(db)): Promise<VacancyRow[]> {
      if (roundIds.length === 0) return [];
      return vacancyRows(tx).where(inArray(vacancies.roundId, roundIds)).orderBy(asc(vacancies.code));
    },

    async vacancy(id: string, tx: Db = executor(db)): Promise<VacancyRow | undefined> {
      const [row] = await vacancyRows(tx).where(eq(vacancies.id, id));
      return row;
    },

    async lockVacancy(id: string, tx: Db = executor(db)): Promise<Vacancy | undefined> {
      const [row] = await tx.select().from(vacancies).where(eq(vacancies.id, id)).for('update');
      return row;
    },

    async announcedVacancy(id: string): Promise<VacancyRow | undefined> {
      const [row] = await vacancyRows(executor(db)).where(and(eq(vacancies.id, id), isNotNull(vacancies.announcedAt)));
      return row;
    },

    async category(code: string, tx: Db = executor(db)) {
      const [row] = await tx.select().from(categories).where(eq(categories.code, code));
      return row;
    },

    async insertVacancy(row: typeof vacancies.$inferInsert, tx: Db = executor(db)): Promise<Vacancy> {
      const [created] = await tx.insert(vacancies).values(row).returning();
      return created!;
    },

    async updateVacancy(id: string, set: Partial<typeof vacancies.$inferInsert>, tx: Db = executor(db)): Promise<void> {
      await tx.update(vacancies).set(set).where(eq(vacancies.id, id));
    },

    async removeVacancy(id: string, tx: Db = executor(db)): Promise<void> {
      await tx.delete(vacancies).where(eq(vacancies.id, id));
    },
  };
}

export type RoundsRepository = ReturnType<typeof createRoundsRepository>;
