import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { LocalisedSchema, Uuid } from '../../schemas';
import { REGISTER_VACANCY_STATUSES } from './register.types';

const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const APPOINTMENT_SORTS = ['-date', 'date', 'name', '-name', '-score', 'score'] as const;
export const RESULT_SORTS = ['-date', 'date', '-points', 'points'] as const;
export const VACANCY_SORTS = ['-date', 'date', 'deadline', '-deadline'] as const;
export type AppointmentSort = (typeof APPOINTMENT_SORTS)[number];
export type ResultSort = (typeof RESULT_SORTS)[number];
export type VacancySort = (typeof VACANCY_SORTS)[number];

export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 200;

const Code = (description: string) => Type.String({ pattern: '^[A-Za-z0-9_.-]{1,40}$', description });
const filters = {
  q: Type.Optional(
    Type.String({
      maxLength: 200,
      description: 'Full-text search: names in Latin or Cyrillic, case- and diacritic-insensitive, by prefix',
    }),
  ),
  category: Type.Optional(Code('Category (subgroup) code, e.g. AB')),
  from: Type.Optional(Type.String({ format: 'date', description: 'From this day (Baku time), inclusive' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'To this day (Baku time), inclusive' })),
};
const paging = {
  cursor: Type.Optional(
    Type.String({ maxLength: 400, description: 'Opaque: the `nextCursor` of the previous page, with the same sort' }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_LIMIT_MAX, default: PAGE_LIMIT_DEFAULT })),
};

const appointmentFilters = {
  ...filters,
  q: Type.Optional(
    Type.String({
      maxLength: 200,
      description: 'The appointee’s name in Latin or Cyrillic, case- and diacritic-insensitive, by prefix',
    }),
  ),
  agency: Type.Optional(Code('Agency code')),
  sort: Type.Optional(literals(APPOINTMENT_SORTS)),
};
const resultFilters = {
  ...filters,
  q: Type.Optional(Type.String({ maxLength: 200, description: 'The candidate code, or its beginning' })),
  sitting: Type.Optional(Code('Sitting code')),
  sort: Type.Optional(literals(RESULT_SORTS)),
};
const vacancyFilters = {
  ...filters,
  q: Type.Optional(
    Type.String({
      maxLength: 200,
      description: 'Position, agency, location or vacancy code, in Latin or Cyrillic, by prefix',
    }),
  ),
  agency: Type.Optional(Code('Agency code')),
  status: Type.Optional(literals(REGISTER_VACANCY_STATUSES)),
  sort: Type.Optional(literals(VACANCY_SORTS)),
};

const closed = { additionalProperties: false };
export const AppointmentsQuery = Type.Object({ ...appointmentFilters, ...paging }, closed);
export const AppointmentsExportQuery = Type.Object(appointmentFilters, closed);
export const ResultsQuery = Type.Object({ ...resultFilters, ...paging }, closed);
export const ResultsExportQuery = Type.Object(resultFilters, closed);
export const VacanciesQuery = Type.Object({ ...vacancyFilters, ...paging }, closed);
export const VacanciesExportQuery = Type.Object(vacancyFilters, closed);
export type AppointmentsQuery = Static<typeof AppointmentsQuery>;
export type ResultsQuery = Static<typeof ResultsQuery>;
export type VacanciesQuery = Static<typeof VacanciesQuery>;

export const AppointmentParams = Type.Object({ id: Uuid });
export const VacancyParams = Type.Object({ id: Uuid });
export const ResultParams = Type.Object({ candidateCode: Type.String({ pattern: '^[A-Za-z0-9]{1,16}$' }) });

const Receipt = {
  /** The log entry that published the row; `GET /api/log/entries/{logIndex}` gives it with its proof. */
  logIndex: Type.Integer({ minimum: 0 }),
  leafHash: Type.String({ description: 'Base64 RFC 6962 leaf hash of the log entry' }),
};
const Agency = Type.Object({ code: Type.String(), name: LocalisedSchema });

/** An appointment as published: the appointee’s name (public office is public), nothing else personal. */
export const AppointmentItem = Type.Object({
  id: Type.String({ format: 'uuid' }),
  vacancyId: Type.String({ format: 'uuid' }),
  vacancyCode: Type.String(),
  roundCode: Type.String(),
  fullName: Type.String(),
  position: LocalisedSchema,
  agency: Agency,
  categoryCode: Type.String(),
  appointedAt: Timestamp,
  testScore: Type.Number(),
  interviewScore: Type.Number(),
  finalScore: Type.Number(),
  rank: Type.Integer(),
  ...Receipt,
});
export type AppointmentItem = Static<typeof AppointmentItem>;

/** A published result, by candidate code only. */
export const ResultItem = Type.Object({
  candidateCode: Type.String(),
  sittingCode: Type.String(),
  categoryCode: Type.String(),
  sittingDate: Timestamp,
  points: Type.Number(),
  maxPoints: Type.Number(),
  passed: Type.Boolean(),
  revision: Type.Integer(),
  publishedAt: Timestamp,
  ...Receipt,
});
export type ResultItem = Static<typeof ResultItem>;

export const VacancyItem = Type.Object({
  id: Type.String({ format: 'uuid' }),
  vacancyCode: Type.String(),
  roundId: Type.String({ format: 'uuid' }),
  roundCode: Type.String(),
  roundTitle: LocalisedSchema,
  agency: Agency,
  position: LocalisedSchema,
  categoryCode: Type.String(),
  places: Type.Integer(),
  location: Type.String(),
  requirements: LocalisedSchema,
  interviewProgramme: LocalisedSchema,
  announcedAt: Timestamp,
  applicationDeadline: Timestamp,
  status: literals(REGISTER_VACANCY_STATUSES),
  /** Announced, applications closed, interviews, ranking published, appointed, closed: each with its receipt. */
  timeline: Type.Array(
    Type.Object({
      event: Type.String(),
      at: Timestamp,
      logIndex: Nullable(Type.Integer()),
      leafHash: Nullable(Type.String()),
    }),
  ),
  /** The reserve (“second-best”) list in order, by candidate code; null until the ranking is published. */
  reserve: Nullable(
    Type.Array(Type.Object({ rank: Type.Integer(), candidateCode: Type.String(), finalScore: Type.Number() })),
  ),
  ...Receipt,
});
export type VacancyItem = Static<typeof VacancyItem>;

const page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    /** Pass as `cursor` for the next page; null on the last page. */
    nextCursor: Nullable(Type.String()),
  });
export const AppointmentPage = page(AppointmentItem);
export const ResultPage = page(ResultItem);
export const VacancyPage = page(VacancyItem);
export type Page<T> = { items: T[]; nextCursor: string | null };

/** A row's detail: the row and where to check it in the log. */
const detail = <T extends TSchema>(item: T) =>
  Type.Object({
    item,
    receipt: Type.Object({ ...Receipt, entryUrl: Type.String({ description: 'The log entry with its proof' }) }),
  });
export const AppointmentDetail = detail(AppointmentItem);
export const ResultDetail = detail(ResultItem);
export const VacancyDetail = detail(VacancyItem);

export const StatisticsQuery = Type.Object(
  {
    sitting: Type.Optional(Code('Only this sitting’s histogram')),
    sittings: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 12, description: 'Latest sittings' })),
  },
  closed,
);

export const RegisterStatistics = Type.Object({
  /** Per category and calendar month (Baku time) of the sitting: registered candidates, sat and passed. */
  byCategoryMonth: Type.Array(
    Type.Object({
      categoryCode: Type.String(),
      month: Type.String({ pattern: '^\\d{4}-\\d{2}$' }),
      candidates: Type.Integer(),
      sat: Type.Integer(),
      passed: Type.Integer(),
      /** passed / sat, 0 when nobody sat. */
      passRate: Type.Number(),
    }),
  ),
  /** Score histograms of the latest sittings, newest first. */
  sittings: Type.Array(
    Type.Object({
      sittingCode: Type.String(),
      categoryCode: Type.String(),
      sittingDate: Timestamp,
      registered: Type.Integer(),
      sat: Type.Integer(),
      passed: Type.Integer(),
      distribution: Type.Array(Type.Object({ points: Type.Number(), count: Type.Integer() })),
      ...Receipt,
    }),
  ),
  appointmentsByAgency: Type.Array(Type.Object({ agency: Agency, appointments: Type.Integer() })),
});
export type RegisterStatistics = Static<typeof RegisterStatistics>;
