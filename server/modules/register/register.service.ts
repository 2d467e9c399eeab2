import type { Clock } from '../../clock';
import { eq, like, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { registerAppointments, registerResults, registerVacancies } from '../../../db/schema/index';
import { searchDocument, searchQuery } from '../../core/name-search';
import { roundPoints } from '../../core/points';
import type { Localised } from '../../core/question';
import { NotFoundError, ValidationError } from '../../errors';
import { unreadableText } from '../../schemas';
import {
  matches,
  within,
  type AppointmentRecord,
  type KeysetOrder,
  type KeysetPosition,
  type KeysetQuery,
  type RegisterRepository,
  type ResultRecord,
  type VacancyRecord,
} from './register.repository';
import { decodeCursor, encodeCursor } from './register-cursor';
import {
  PAGE_LIMIT_DEFAULT,
  type AppointmentItem,
  type AppointmentSort,
  type AppointmentsQuery,
  type Page,
  type RegisterStatistics,
  type ResultItem,
  type ResultSort,
  type ResultsQuery,
  type VacanciesQuery,
  type VacancyItem,
  type VacancySort,
} from './register.schemas';
import type {
  RegisterAppointmentRow,
  RegisterRecorder,
  RegisterResultRow,
  RegisterSittingSummary,
  RegisterVacancyRow,
} from './register.types';

const DAY = 86_400_000;
/** Dates in filters are days in Baku (UTC+4, no daylight saving since 2016). */
const BAKU_OFFSET = '+04:00';
/** Rows fetched per keyset batch while exporting: the memory an export holds, whatever its size. */
export const EXPORT_BATCH = 5_000;

type Fetch<R> = (query: KeysetQuery) => Promise<{ row: R; sortValue: string }[]>;

/** `a..b`: "-date" is newest first, "date" oldest first, and so on. */
function orderOf<S extends string>(
  sort: S,
  columns: Record<string, Pick<KeysetOrder, 'column' | 'type'>>,
): KeysetOrder {
  const descending = sort.startsWith('-');
  const key = descending ? sort.slice(1) : sort;
  return { ...columns[key]!, direction: descending ? 'desc' : 'asc' };
}

/** What PostgreSQL's `timestamptz::text` gives: `2026-03-01 10:00:00.123456+04` (offset as the session has it). */
const TIMESTAMPTZ_TEXT = /^(\d{4})-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d(:\d\d){0,2}$/;
/** What `float8::text` gives for a finite number. */
const FLOAT8_TEXT = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/**
 * Checks a cursor's value against its column's type, so a forged one is a 400 and not a SQL error.
 * Only what this list itself could have handed out passes: a timestamp in PostgreSQL's own text form
 * within years 1000–9999 (`Date.parse` also takes `"0"` and `-271821-04-20`, which PostgreSQL does not),
 * a finite number (`1e999` is out of float8's range), and text without a NUL or a lone surrogate.
 */
function checkCursorValue(position: KeysetPosition, order: KeysetOrder) {
  const value = position.value;
  let ok: boolean;
  switch (order.type) {
    case 'text':
      ok = !unreadableText(value);
      break;
    case 'float8':
      ok = FLOAT8_TEXT.test(value) && Number.isFinite(Number(value));
      break;
    case 'timestamptz': {
      const match = TIMESTAMPTZ_TEXT.exec(value);
      const year = match ? Number(match[1]) : 0;
      ok =
        year >= 1000 &&
        year <= 9999 &&
        !Number.isNaN(Date.parse(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')));
      break;
    }
  }
  if (!ok)
    throw ValidationError.field('cursor', 'cursor.invalid', 'The cursor is not one this list gave, with this sort.');
}

function dateRange(query: { from?: string | undefined; to?: string | undefined }) {
  const from = query.from ? new Date(`${query.from}T00:00:00${BAKU_OFFSET}`) : undefined;
  const to = query.to ? new Date(new Date(`${query.to}T00:00:00${BAKU_OFFSET}`).getTime() + DAY) : undefined;
  if (from && to && from.getTime() >= to.getTime())
    throw ValidationError.field('to', 'range.reversed', 'The end of the date range comes before its start.');
  return { from, to };
}

const iso = (d: Date) => d.toISOString();

/** A date range short enough that, with a category, its rows are few (at most a few tens of thousands). */
const narrow = (from: Date | undefined, to: Date | undefined) =>
  !!from && !!to && to.getTime() - from.getTime() <= 92 * DAY;

/**
 * A planner hint. PostgreSQL estimates that walking the sort column's index and filtering finds a page's
 * rows soon, assuming the filtered rows are spread evenly; but a date range's rows cluster in time, not
 * in points, so the walk reads much of the table at random. Ordering by `points + 0` (the same order)
 * takes that index away, so the planner finds the few filtered rows through the filter's index first
 * and sorts them. Used only when the filters are known to be narrow.
 */
function filterFirst(yes: boolean, column: PgColumn, type: 'float8'): PgColumn | SQL {
  return yes && type === 'float8' ? sql`(${column} + 0)` : column;
}

/**
 * An item's points as the register publishes them (`roundPoints`): the pages, the details, the CSV and the JSON
 * all carry these, and the web shows them with the same rule, so a score reads the same everywhere.
 */
const appointmentPoints = (a: AppointmentItem): AppointmentItem => ({
  ...a,
  testScore: roundPoints(a.testScore),
  interviewScore: roundPoints(a.interviewScore),
  finalScore: roundPoints(a.finalScore),
});
const resultPoints = (r: ResultItem): ResultItem => ({
  ...r,
  points: roundPoints(r.points),
  maxPoints: roundPoints(r.maxPoints),
});
const vacancyPoints = (v: VacancyItem): VacancyItem => ({
  ...v,
  reserve: v.reserve && v.reserve.map((entry) => ({ ...entry, finalScore: roundPoints(entry.finalScore) })),
});

export function appointmentItem(r: AppointmentRecord): AppointmentItem {
  return appointmentPoints({
    id: r.appointmentId,
    vacancyId: r.vacancyId,
    vacancyCode: r.vacancyCode,
    roundCode: r.roundCode,
    fullName: r.fullName,
    position: r.position,
    agency: { code: r.agencyCode, name: r.agencyName },
    categoryCode: r.categoryCode,
    appointedAt: iso(r.appointedAt),
    testScore: r.testScore,
    interviewScore: r.interviewScore,
    finalScore: r.finalScore,
    rank: r.rank,
    logIndex: r.logIndex,
    leafHash: r.leafHash,
  });
}

export function resultItem(r: ResultRecord): ResultItem {
  return resultPoints({
    candidateCode: r.candidateCode,
    sittingCode: r.sittingCode,
    categoryCode: r.categoryCode,
    sittingDate: iso(r.sittingDate),
    points: r.points,
    maxPoints: r.maxPoints,
    passed: r.passed,
    revision: r.revision,
    publishedAt: iso(r.publishedAt),
    logIndex: r.logIndex,
    leafHash: r.leafHash,
  });
}

export function vacancyItem(r: VacancyRecord): VacancyItem {
  return vacancyPoints({
    id: r.vacancyId,
    vacancyCode: r.vacancyCode,
    roundId: r.roundId,
    roundCode: r.roundCode,
    roundTitle: r.roundTitle,
    agency: { code: r.agencyCode, name: r.agencyName },
    position: r.position,
    categoryCode: r.categoryCode,
    places: r.places,
    location: r.location,
    requirements: r.requirements,
    interviewProgramme: r.interviewProgramme,
    announcedAt: iso(r.announcedAt),
    applicationDeadline: iso(r.applicationDeadline),
    status: r.status as VacancyItem['status'],
    timeline: r.timeline.map((t) => ({
      event: t.event,
      at: t.at,
      logIndex: t.logIndex ?? null,
      leafHash: t.leafHash ?? null,
    })),
    reserve: r.reserve ?? null,
    logIndex: r.logIndex,
    leafHash: r.leafHash,
  });
}

const localisedTexts = (...values: Localised[]) =>
  values.flatMap((v) => [v.az, v.ru, v.en].filter((t): t is string => !!t));

/** A keyset list over one table: filters, order, and how a row is published. */
interface Listing<R, I> {
  fetch: Fetch<R>;
  /** The same rows, each as its item's JSON text built by the database. */
  fetchJson: Fetch<{ id: number; json: string }>;
  where: (SQL | undefined)[];
  order: KeysetOrder;
  sort: string;
  item: (row: R) => I;
  /** An item built by the database (an export's) with its points as published. */
  points: (item: I) => I;
}

async function pageOf<R extends { id: number }, I>(
  listing: Listing<R, I>,
  cursor: string | undefined,
  limit: number,
): Promise<Page<I>> {
  const after = cursor ? decodeCursor(cursor, listing.sort) : undefined;
  if (after) checkCursorValue(after, listing.order);
  const rows = await listing.fetch({ where: listing.where, order: listing.order, after, limit: limit + 1 });
  const taken = rows.slice(0, limit);
  const last = taken.at(-1);
  return {
    items: taken.map((r) => listing.item(r.row)),
    nextCursor:
      rows.length > limit && last ? encodeCursor(listing.sort, { value: last.sortValue, id: last.row.id }) : null,
  };
}

/**
 * Every row of a listing in its order, a batch at a time, as its items: what an export streams. The database
 * builds each item's JSON (no row objects or dates in Node); its points are then rounded as the pages' are.
 */
async function* batchesOf<R, I>(listing: Listing<R, I>, batch: number): AsyncGenerator<I[]> {
  let after: KeysetPosition | undefined;
  for (;;) {
    const rows = await listing.fetchJson({ where: listing.where, order: listing.order, after, limit: batch });
    if (rows.length) yield rows.map((r) => listing.points(JSON.parse(r.row.json) as I));
    if (rows.length < batch) return;
    const last = rows.at(-1)!;
    after = { value: last.sortValue, id: last.row.id };
  }
}

/** A safety net: register rows written behind the log's back (a benchmark's generated rows) show within a minute. */
const TOTALS_TTL_MS = 60_000;

export function createRegisterService(deps: {
  /** Where publications record their rows: the primary, inside the publishing transaction. */
  repository: RegisterRepository;
  /** Where the public reads go: a read replica when there is one (DATABASE_READ_URL), else the same as `repository`. */
  reads?: RegisterRepository | undefined;
  clock: Clock;
}) {
  const { repository, clock } = deps;
  const reads = deps.reads ?? repository;

  /**
   * The counts over the whole register (per category and month, per agency) read every row, which costs
   * ≈ 150 ms at a million appointments. They change only with a publication, and every publication appends to
   * the transparency log in the transaction that records it, so the counts are kept under the log's size when
   * read: a publication by any process (or any replica catching up with one) changes the size, and the next
   * read counts again. The size is read before the counts, so counts that are newer than their label are
   * only counted again once more, never kept stale (issue 16: no process may serve another's old totals).
   */
  let totals: { logSize: number; at: number; value: ReturnType<typeof readTotals> } | null = null;
  const readTotals = () => Promise.all([reads.resultsByCategoryMonth(), reads.appointmentsByAgency()]);
  async function wholeRegisterTotals() {
    const logSize = await reads.logSize();
    const now = clock().getTime();
    if (!totals || totals.logSize !== logSize || now - totals.at > TOTALS_TTL_MS || now < totals.at) {
      const value = readTotals();
      totals = { logSize, at: now, value };
      value.catch(() => {
        if (totals?.value === value) totals = null;
      });
    }
    return totals.value;
  }

  function appointments(
    query: Omit<AppointmentsQuery, 'cursor' | 'limit'>,
  ): Listing<AppointmentRecord, AppointmentItem> {
    const sort: AppointmentSort = query.sort ?? '-date';
    const { from, to } = dateRange(query);
    const tsquery = query.q ? searchQuery(query.q) : null;
    const t = registerAppointments;
    return {
      fetch: (q) => reads.appointments(q),
      fetchJson: (q) => reads.appointmentsJson(q),
      where: [
        tsquery ? matches(t.search, tsquery) : undefined,
        query.agency ? eq(t.agencyCode, query.agency) : undefined,
        query.category ? eq(t.categoryCode, query.category) : undefined,
        ...within(t.appointedAt, from, to),
      ],
      order: orderOf(sort, {
        date: { column: t.appointedAt, type: 'timestamptz' },
        name: { column: t.fullName, type: 'text' },
        score: { column: t.finalScore, type: 'float8' },
      }),
      sort,
      item: appointmentItem,
      points: appointmentPoints,
    };
  }

  function results(query: Omit<ResultsQuery, 'cursor' | 'limit'>): Listing<ResultRecord, ResultItem> {
    const sort: ResultSort = query.sort ?? '-date';
    const { from, to } = dateRange(query);
    // Candidate codes are upper-case letters and digits: the query's are a prefix of the code.
    const prefix = (query.q ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');
    const t = registerResults;
    return {
      fetch: (q) => reads.results(q),
      fetchJson: (q) => reads.resultsJson(q),
      where: [
        prefix ? like(t.candidateCode, `${prefix}%`) : undefined,
        query.sitting ? eq(t.sittingCode, query.sitting) : undefined,
        query.category ? eq(t.categoryCode, query.category) : undefined,
        ...within(t.sittingDate, from, to),
      ],
      order: orderOf(sort, {
        date: { column: t.sittingDate, type: 'timestamptz' },
        points: {
          column: filterFirst(query.category !== undefined && narrow(from, to), t.points, 'float8'),
          type: 'float8',
        },
      }),
      sort,
      item: resultItem,
      points: resultPoints,
    };
  }

  function vacancies(query: Omit<VacanciesQuery, 'cursor' | 'limit'>): Listing<VacancyRecord, VacancyItem> {
    const sort: VacancySort = query.sort ?? '-date';
    const { from, to } = dateRange(query);
    const tsquery = query.q ? searchQuery(query.q) : null;
    const t = registerVacancies;
    return {
      fetch: (q) => reads.vacancies(q),
      fetchJson: (q) => reads.vacanciesJson(q),
      where: [
        tsquery ? matches(t.search, tsquery) : undefined,
        query.agency ? eq(t.agencyCode, query.agency) : undefined,
        query.category ? eq(t.categoryCode, query.category) : undefined,
        query.status ? eq(t.status, query.status) : undefined,
        ...within(t.announcedAt, from, to),
      ],
      order: orderOf(sort, {
        date: { column: t.announcedAt, type: 'timestamptz' },
        deadline: { column: t.applicationDeadline, type: 'timestamptz' },
      }),
      sort,
      item: vacancyItem,
      points: vacancyPoints,
    };
  }

  const receipt = (row: { logIndex: number; leafHash: string }) => ({
    logIndex: row.logIndex,
    leafHash: row.leafHash,
    entryUrl: `/api/log/entries/${row.logIndex}`,
  });

  const recorder: RegisterRecorder = {
    async recordAppointment(row: RegisterAppointmentRow) {
      const { otherNames, ...record } = row;
      await repository.upsertAppointment(record, searchDocument(row.fullName, ...(otherNames ?? [])));
    },

    async recordVacancy(row: RegisterVacancyRow) {
      const document = searchDocument(
        ...localisedTexts(row.position, row.agencyName),
        row.vacancyCode,
        row.location,
        row.agencyCode,
      );
      await repository.upsertVacancy(
        {
          ...row,
          timeline: row.timeline.map((t) => ({ ...t, at: t.at.toISOString() })),
          reserve: row.reserve ?? null,
        },
        document,
      );
    },

    async recordResults(rows: RegisterResultRow[], sitting: RegisterSittingSummary) {
      await repository.upsertResults(rows);
      await repository.upsertSitting(sitting);
    },
  };

  return {
    ...recorder,

    listAppointments: (query: AppointmentsQuery) =>
      pageOf(appointments(query), query.cursor, query.limit ?? PAGE_LIMIT_DEFAULT),
    listResults: (query: ResultsQuery) => pageOf(results(query), query.cursor, query.limit ?? PAGE_LIMIT_DEFAULT),
    listVacancies: (query: VacanciesQuery) => pageOf(vacancies(query), query.cursor, query.limit ?? PAGE_LIMIT_DEFAULT),

    /**
     * The whole filtered set in the list's order, a batch at a time. Checks the filters before the
     * first row, so bad input is refused before a response starts streaming.
     */
    exportAppointments: (query: Omit<AppointmentsQuery, 'cursor' | 'limit'>, batch = EXPORT_BATCH) =>
      batchesOf(appointments(query), batch),
    exportResults: (query: Omit<ResultsQuery, 'cursor' | 'limit'>, batch = EXPORT_BATCH) =>
      batchesOf(results(query), batch),
    exportVacancies: (query: Omit<VacanciesQuery, 'cursor' | 'limit'>, batch = EXPORT_BATCH) =>
      batchesOf(vacancies(query), batch),

    async appointment(id: string) {
      const row = await reads.appointment(id);
      if (!row) throw new NotFoundError('No such appointment in the register.');
      return { item: appointmentItem(row), receipt: receipt(row) };
    },

    async result(candidateCode: string) {
      const row = await reads.result(candidateCode.toUpperCase());
      if (!row) throw new NotFoundError('No published result with this candidate code.');
      return { item: resultItem(row), receipt: receipt(row) };
    },

    async vacancy(id: string) {
      const row = await reads.vacancy(id);
      if (!row) throw new NotFoundError('No such vacancy in the register.');
      return { item: vacancyItem(row), receipt: receipt(row) };
    },

    async statistics(query: {
      sitting?: string | undefined;
      sittings?: number | undefined;
    }): Promise<RegisterStatistics> {
      const [[byCategoryMonth, byAgency], sittings] = await Promise.all([
        wholeRegisterTotals(),
        reads.sittings(query.sitting ? 1 : (query.sittings ?? 12), query.sitting),
      ]);
      return {
        byCategoryMonth: byCategoryMonth.map((r) => ({
          ...r,
          passRate: r.sat ? Math.round((r.passed / r.sat) * 10_000) / 10_000 : 0,
        })),
        sittings: sittings.map((s) => ({
          sittingCode: s.sittingCode,
          categoryCode: s.categoryCode,
          sittingDate: iso(s.sittingDate),
          registered: s.registered,
          sat: s.sat,
          passed: s.passed,
          distribution: s.distribution.map((d) => ({ points: roundPoints(d.points), count: d.count })),
          logIndex: s.logIndex,
          leafHash: s.leafHash,
        })),
        appointmentsByAgency: byAgency.map((a) => ({
          agency: { code: a.agencyCode, name: a.agencyName },
          appointments: a.appointments,
        })),
      };
    },
  };
}

export type RegisterService = ReturnType<typeof createRegisterService>;
