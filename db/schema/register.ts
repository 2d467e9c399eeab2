import {
  bigint,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { logReceipt } from './columns';
import type { Localised } from '../domain/question';
import type { RegisterReserveEntry } from '../domain/register';

/** A full-text search vector; the register fills it with `to_tsvector('simple', <folded tokens>)`. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The public register: a read model of what the transparency log published, shaped for search,
 * filters, sorting and keyset pagination at millions of rows. Rows are written only by the register
 * service inside the transaction that appends the fact to the log, each with that entry's receipt.
 * `search` holds the name-search tokens of server/core/name-search.ts (folded across scripts); `id`
 * is the keyset pagination's tie-breaker.
 */
export const registerAppointments = pgTable(
  'register_appointments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    appointmentId: uuid('appointment_id').notNull(),
    vacancyId: uuid('vacancy_id').notNull(),
    vacancyCode: text('vacancy_code').notNull(),
    roundCode: text('round_code').notNull(),
    fullName: text('full_name').notNull(),
    search: tsvector('search').notNull(),
    position: jsonb('position').$type<Localised>().notNull(),
    agencyCode: text('agency_code').notNull(),
    agencyName: jsonb('agency_name').$type<Localised>().notNull(),
    categoryCode: text('category_code').notNull(),
    appointedAt: timestamp('appointed_at', { withTimezone: true }).notNull(),
    testScore: doublePrecision('test_score').notNull(),
    interviewScore: doublePrecision('interview_score').notNull(),
    finalScore: doublePrecision('final_score').notNull(),
    rank: integer('rank').notNull(),
    ...logReceipt(),
  },
  (t) => [
    uniqueIndex('register_appointments_appointment_key').on(t.appointmentId),
    index('register_appointments_date_idx').on(t.appointedAt, t.id),
    index('register_appointments_agency_idx').on(t.agencyCode, t.appointedAt, t.id),
    index('register_appointments_category_idx').on(t.categoryCode, t.appointedAt, t.id),
    index('register_appointments_name_idx').on(t.fullName, t.id),
    index('register_appointments_score_idx').on(t.finalScore, t.id),
    index('register_appointments_search_idx').using('gin', t.search),
  ],
);

/** Each candidate's latest published result, by candidate code (a republication replaces it). */
export const registerResults = pgTable(
  'register_results',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    candidateCode: text('candidate_code').notNull(),
    sittingCode: text('sitting_code').notNull(),
    categoryCode: text('category_code').notNull(),
    sittingDate: timestamp('sitting_date', { withTimezone: true }).notNull(),
    points: doublePrecision('points').notNull(),
    maxPoints: doublePrecision('max_points').notNull(),
    passed: boolean('passed').notNull(),
    revision: integer('revision').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    ...logReceipt(),
  },
  (t) => [
    uniqueIndex('register_results_candidate_key').on(t.candidateCode),
    index('register_results_code_prefix_idx').on(t.candidateCode.op('text_pattern_ops')),
    index('register_results_date_idx').on(t.sittingDate, t.id),
    index('register_results_category_idx').on(t.categoryCode, t.sittingDate, t.id),
    index('register_results_sitting_idx').on(t.sittingCode, t.points, t.id),
    index('register_results_points_idx').on(t.points, t.id),
  ],
);

/** Every vacancy announced, with its timeline; upserted on each status change. */
export const registerVacancies = pgTable(
  'register_vacancies',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    vacancyId: uuid('vacancy_id').notNull(),
    vacancyCode: text('vacancy_code').notNull(),
    roundId: uuid('round_id').notNull(),
    roundCode: text('round_code').notNull(),
    roundTitle: jsonb('round_title').$type<Localised>().notNull(),
    search: tsvector('search').notNull(),
    agencyCode: text('agency_code').notNull(),
    agencyName: jsonb('agency_name').$type<Localised>().notNull(),
    position: jsonb('position').$type<Localised>().notNull(),
    categoryCode: text('category_code').notNull(),
    places: integer('places').notNull(),
    location: text('location').notNull(),
    requirements: jsonb('requirements').$type<Localised>().notNull(),
    interviewProgramme: jsonb('interview_programme').$type<Localised>().notNull(),
    announcedAt: timestamp('announced_at', { withTimezone: true }).notNull(),
    applicationDeadline: timestamp('application_deadline', { withTimezone: true }).notNull(),
    status: text('status').notNull(),
    timeline: jsonb('timeline')
      .$type<{ event: string; at: string; logIndex?: number; leafHash?: string }[]>()
      .notNull(),
    reserve: jsonb('reserve').$type<RegisterReserveEntry[]>(),
    ...logReceipt(),
  },
  (t) => [
    uniqueIndex('register_vacancies_vacancy_key').on(t.vacancyId),
    index('register_vacancies_date_idx').on(t.announcedAt, t.id),
    index('register_vacancies_agency_idx').on(t.agencyCode, t.announcedAt, t.id),
    index('register_vacancies_category_idx').on(t.categoryCode, t.announcedAt, t.id),
    index('register_vacancies_deadline_idx').on(t.applicationDeadline, t.id),
    index('register_vacancies_search_idx').using('gin', t.search),
  ],
);

/** A sitting's published counts and score distribution (latest revision), for the statistics page. */
export const registerSittings = pgTable(
  'register_sittings',
  {
    sittingCode: text('sitting_code').primaryKey(),
    categoryCode: text('category_code').notNull(),
    sittingDate: timestamp('sitting_date', { withTimezone: true }).notNull(),
    revision: integer('revision').notNull(),
    registered: integer('registered').notNull(),
    sat: integer('sat').notNull(),
    passed: integer('passed').notNull(),
    distribution: jsonb('distribution').$type<{ points: number; count: number }[]>().notNull(),
    ...logReceipt(),
  },
  (t) => [index('register_sittings_date_idx').on(t.sittingDate)],
);

export type RegisterAppointment = typeof registerAppointments.$inferSelect;
export type RegisterResult = typeof registerResults.$inferSelect;
export type RegisterVacancy = typeof registerVacancies.$inferSelect;
export type RegisterSitting = typeof registerSittings.$inferSelect;
