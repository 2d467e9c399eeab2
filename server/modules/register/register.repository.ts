import { and, asc, desc, eq, getTableColumns, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { rowsOf } from '../../../db/rows';
import {
  logCheckpoints,
  registerAppointments,
  registerResults,
  registerSittings,
  registerVacancies,
  type RegisterAppointment,
  type RegisterResult,
  type RegisterSitting,
  type RegisterVacancy,
} from '../../../db/schema/index';
import type { Localised } from '../../core/question';

/** How a keyset page is ordered: one column, then `id`, both the same direction. */
export interface KeysetOrder {
  /** A column, or an expression of one (see `filterFirst` in the service). */
  column: PgColumn | SQL;
  /** The SQL type the cursor's text value is cast back to. */
  type: 'timestamptz' | 'float8' | 'text';
  direction: 'asc' | 'desc';
}

/** Where the previous page ended: the sort column's value as PostgreSQL printed it, and the id. */
export interface KeysetPosition {
  value: string;
  id: number;
}

export interface KeysetQuery {
  where: (SQL | undefined)[];
  order: KeysetOrder;
  after?: KeysetPosition | undefined;
  limit: number;
}

export type AppointmentRecord = Omit<RegisterAppointment, 'search'>;
export type VacancyRecord = Omit<RegisterVacancy, 'search'>;
export type ResultRecord = RegisterResult;
export type SittingRecord = RegisterSitting;

const { search: _a, ...appointmentColumns } = getTableColumns(registerAppointments);
const { search: _v, ...vacancyColumns } = getTableColumns(registerVacancies);
const resultColumns = getTableColumns(registerResults);

type Table = typeof registerAppointments | typeof registerResults | typeof registerVacancies;

/**
 * One keyset page: rows after `after` in `order`, then by id. `(column, id) > (value, id)` is one row
 * comparison the (filter…, column, id) indexes answer directly, however deep the page.
 */
async function keysetPage<Row>(
  db: Db,
  table: Table,
  columns: Record<string, PgColumn | SQL.Aliased>,
  query: KeysetQuery,
): Promise<{ row: Row; sortValue: string }[]> {
  const { order, after } = query;
  const id = (table as typeof registerResults).id;
  const where = [...query.where];
  if (after) {
    const value = sql`${after.value}::${sql.raw(order.type)}`;
    where.push(
      order.direction === 'asc'
        ? sql`(${order.column}, ${id}) > (${value}, ${after.id}::bigint)`
        : sql`(${order.column}, ${id}) < (${value}, ${after.id}::bigint)`,
    );
  }
  const by = order.direction === 'asc' ? asc : desc;
  const rows = await executor(db)
    .select({ ...columns, sortValue: sql<string>`${order.column}::text` })
    .from(table)
    .where(and(...where))
    .orderBy(by(order.column), by(id))
    .limit(query.limit);
  return rows.map(({ sortValue, ...row }) => ({ row: row as Row, sortValue: String(sortValue) }));
}

/** A timestamp as the API prints it (`Date.prototype.toISOString`), for the items built in SQL. */
const isoText = (column: PgColumn) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The API's items built by PostgreSQL as JSON text, for the exports: no row objects, dates or
 * re-serialisation in Node, so an export runs at the database's pace. They must stay equal to
 * `appointmentItem`, `resultItem` and `vacancyItem` of the service (tests/integration/register-export.test.ts),
 * nested objects with their keys in the API schema's order, as the CSV carries them as JSON text.
 */
const a = registerAppointments;
const appointmentJson = sql<string>`json_build_object('id', ${a.appointmentId}, 'vacancyId', ${a.vacancyId},
  'vacancyCode', ${a.vacancyCode}, 'roundCode', ${a.roundCode}, 'fullName', ${a.fullName}, 'position', ${a.position},
  'agency', json_build_object('code', ${a.agencyCode}, 'name', ${a.agencyName}), 'categoryCode', ${a.categoryCode},
  'appointedAt', ${isoText(a.appointedAt)}, 'testScore', ${a.testScore}, 'interviewScore', ${a.interviewScore},
  'finalScore', ${a.finalScore}, 'rank', ${a.rank}, 'logIndex', ${a.logIndex}, 'leafHash', ${a.leafHash})::text`;
const r = registerResults;
const resultJson = sql<string>`json_build_object('candidateCode', ${r.candidateCode}, 'sittingCode', ${r.sittingCode},
  'categoryCode', ${r.categoryCode}, 'sittingDate', ${isoText(r.sittingDate)}, 'points', ${r.points},
  'maxPoints', ${r.maxPoints}, 'passed', ${r.passed}, 'revision', ${r.revision}, 'publishedAt', ${isoText(r.publishedAt)},
  'logIndex', ${r.logIndex}, 'leafHash', ${r.leafHash})::text`;
const v = registerVacancies;
const vacancyJson = sql<string>`json_build_object('id', ${v.vacancyId}, 'vacancyCode', ${v.vacancyCode},
  'roundId', ${v.roundId}, 'roundCode', ${v.roundCode}, 'roundTitle', ${v.roundTitle},
  'agency', json_build_object('code', ${v.agencyCode}, 'name', ${v.agencyName}), 'position', ${v.position},
  'categoryCode', ${v.categoryCode}, 'places', ${v.places}, 'location', ${v.location},
  'requirements', ${v.requirements}, 'interviewProgramme', ${v.interviewProgramme},
  'announcedAt', ${isoText(v.announcedAt)}, 'applicationDeadline', ${isoText(v.applicationDeadline)},
  'status', ${v.status},
  'timeline', coalesce((select json_agg(json_build_object('event', e.step->'event', 'at', e.step->'at',
      'logIndex', e.step->'logIndex', 'leafHash', e.step->'leafHash') order by e.n)
    from jsonb_array_elements("register_vacancies"."timeline") with ordinality as e(step, n)), '[]'::json),
  'reserve', case when "register_vacancies"."reserve" is null then null else coalesce(
    (select json_agg(json_build_object('rank', e.entry->'rank', 'candidateCode', e.entry->'candidateCode',
        'finalScore', e.entry->'finalScore') order by e.n)
      from jsonb_array_elements("register_vacancies"."reserve") with ordinality as e(entry, n)), '[]'::json) end,
  'logIndex', ${v.logIndex}, 'leafHash', ${v.leafHash})::text`;

/** A date range's bounds as conditions on a timestamp column: `from` inclusive, `to` exclusive. */
export function within(column: PgColumn, from: Date | undefined, to: Date | undefined): SQL[] {
  return [from ? gte(column, from) : undefined, to ? lt(column, to) : undefined].filter((c): c is SQL => !!c);
}

/** Rows whose search vector matches a 'simple' tsquery of folded tokens (server/core/name-search.ts). */
export const matches = (column: PgColumn, tsquery: string) => sql`${column} @@ to_tsquery('simple', ${tsquery})`;

export function createRegisterRepository(db: Db) {
  return {
    async upsertAppointment(row: Omit<AppointmentRecord, 'id'>, document: string) {
      const values = { ...row, search: sql`to_tsvector('simple', ${document})` as unknown as string };
      await executor(db)
        .insert(registerAppointments)
        .values(values)
        .onConflictDoUpdate({ target: registerAppointments.appointmentId, set: values });
    },

    async upsertVacancy(row: Omit<VacancyRecord, 'id'>, document: string) {
      const values = { ...row, search: sql`to_tsvector('simple', ${document})` as unknown as string };
      await executor(db)
        .insert(registerVacancies)
        .values(values)
        .onConflictDoUpdate({ target: registerVacancies.vacancyId, set: values });
    },

    /** Each candidate's latest result: a row of a lower revision than the one held is ignored. */
    async upsertResults(rows: Omit<ResultRecord, 'id'>[]) {
      const excluded = (column: string) => sql.raw(`excluded.${column}`);
      for (let i = 0; i < rows.length; i += 1_000)
        await executor(db)
          .insert(registerResults)
          .values(rows.slice(i, i + 1_000))
          .onConflictDoUpdate({
            target: registerResults.candidateCode,
            set: {
              sittingCode: excluded('sitting_code'),
              categoryCode: excluded('category_code'),
              sittingDate: excluded('sitting_date'),
              points: excluded('points'),
              maxPoints: excluded('max_points'),
              passed: excluded('passed'),
              revision: excluded('revision'),
              publishedAt: excluded('published_at'),
              logIndex: excluded('log_index'),
              leafHash: excluded('leaf_hash'),
            },
            setWhere: sql`"register_results"."revision" <= excluded.revision`,
          });
    },

    async upsertSitting(row: SittingRecord) {
      await executor(db)
        .insert(registerSittings)
        .values(row)
        .onConflictDoUpdate({
          target: registerSittings.sittingCode,
          set: row,
          setWhere: sql`"register_sittings"."revision" <= ${row.revision}`,
        });
    },

    appointments: (query: KeysetQuery) =>
      keysetPage<AppointmentRecord>(db, registerAppointments, appointmentColumns, query),
    results: (query: KeysetQuery) => keysetPage<ResultRecord>(db, registerResults, resultColumns, query),
    vacancies: (query: KeysetQuery) => keysetPage<VacancyRecord>(db, registerVacancies, vacancyColumns, query),

    /** The same pages as above, each row as the API's item in JSON text. */
    appointmentsJson: (query: KeysetQuery) =>
      keysetPage<{ id: number; json: string }>(
        db,
        registerAppointments,
        { id: a.id, json: appointmentJson.as('json') },
        query,
      ),
    resultsJson: (query: KeysetQuery) =>
      keysetPage<{ id: number; json: string }>(db, registerResults, { id: r.id, json: resultJson.as('json') }, query),
    vacanciesJson: (query: KeysetQuery) =>
      keysetPage<{ id: number; json: string }>(
        db,
        registerVacancies,
        { id: v.id, json: vacancyJson.as('json') },
        query,
      ),

    async appointment(appointmentId: string): Promise<AppointmentRecord | undefined> {
      const [row] = await executor(db)
        .select(appointmentColumns)
        .from(registerAppointments)
        .where(eq(registerAppointments.appointmentId, appointmentId));
      return row;
    },

    async result(candidateCode: string): Promise<ResultRecord | undefined> {
      const [row] = await executor(db)
        .select()
        .from(registerResults)
        .where(eq(registerResults.candidateCode, candidateCode));
      return row;
    },

    async vacancy(vacancyId: string): Promise<VacancyRecord | undefined> {
      const [row] = await executor(db)
        .select(vacancyColumns)
        .from(registerVacancies)
        .where(eq(registerVacancies.vacancyId, vacancyId));
      return row;
    },

    /**
     * How many entries the transparency log holds. Everything the register shows was logged in the transaction
     * that recorded it, so this number moves with every change to the register, in every process.
     */
    async logSize(): Promise<number> {
      const [row] = await executor(db)
        .select({ size: logCheckpoints.size })
        .from(logCheckpoints)
        .orderBy(desc(logCheckpoints.size))
        .limit(1);
      return row?.size ?? 0;
    },

    /** Candidates (everyone on the roster), sat and passed per category and calendar month (Baku time). */
    async resultsByCategoryMonth() {
      const result = await executor(db).execute(sql`
        select category_code, to_char(sitting_date at time zone 'UTC' + interval '4 hours', 'YYYY-MM') as month,
          sum(registered)::int as candidates, sum(sat)::int as sat, sum(passed)::int as passed
        from register_sittings
        group by 1, 2
        order by 2, 1`);
      return rowsOf<{ category_code: string; month: string; candidates: number; sat: number; passed: number }>(
        result,
      ).map((r) => ({
        categoryCode: r.category_code,
        month: r.month,
        candidates: Number(r.candidates),
        sat: Number(r.sat),
        passed: Number(r.passed),
      }));
    },

    /** The latest sittings with their score distributions, newest first. */
    async sittings(limit: number, sittingCode?: string): Promise<SittingRecord[]> {
      return executor(db)
        .select()
        .from(registerSittings)
        .where(sittingCode ? eq(registerSittings.sittingCode, sittingCode) : undefined)
        .orderBy(desc(registerSittings.sittingDate), asc(registerSittings.sittingCode))
        .limit(limit);
    },

    /** Appointments per agency, most first, with the agency's name as last published. */
    async appointmentsByAgency() {
      const result = await executor(db).execute(sql`
        select c.agency_code, c.appointments,
          (select a.agency_name from register_appointments a
            where a.agency_code = c.agency_code order by a.appointed_at desc, a.id desc limit 1) as agency_name
        from (select agency_code, count(*)::int as appointments from register_appointments group by agency_code) c
        order by c.appointments desc, c.agency_code`);
      return rowsOf<{ agency_code: string; appointments: number; agency_name: Localised | string }>(result).map(
        (r) => ({
          agencyCode: r.agency_code,
          agencyName: (typeof r.agency_name === 'string' ? JSON.parse(r.agency_name) : r.agency_name) as Localised,
          appointments: Number(r.appointments),
        }),
      );
    },
  };
}

export type RegisterRepository = ReturnType<typeof createRegisterRepository>;
