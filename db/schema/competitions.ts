import {
  bigint,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { editTimes, laterLogReceipt, logReceipt, requiredRef } from './columns';
import type { Localised } from '../domain/question';
import { categories } from './categories';
import { certificates } from './certificates';
import { users } from './users';

/** A state body that hires through the centre. */
export const agencies = pgTable(
  'agencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Short public code, e.g. `ASAN`. */
    code: text('code').notNull(),
    name: jsonb('name').$type<Localised>().notNull(),
    ...editTimes(),
  },
  (t) => [uniqueIndex('agencies_code_key').on(t.code)],
);

/** One criterion of a round's interview rubric: what the panel scores, and out of how many points. */
export interface RubricCriterion {
  key: string;
  name: Localised;
  maxPoints: number;
}

export const ROUND_STATUSES = ['draft', 'announced'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/**
 * A competition round: a batch of vacancies announced together, with the weights that combine the
 * test and interview scores, the interview rubric and the application limit. Once announced (through
 * the log) its published terms never change: a trigger refuses it.
 */
export const competitionRounds = pgTable(
  'competition_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    title: jsonb('title').$type<Localised>().notNull(),
    status: text('status', { enum: ROUND_STATUSES }).notNull().default('draft'),
    /** Relative weights of the normalised test and interview scores in the final score. */
    testWeight: integer('test_weight').notNull(),
    interviewWeight: integer('interview_weight').notNull(),
    rubric: jsonb('rubric').$type<RubricCriterion[]>().notNull(),
    /** How many vacancies of the round one applicant may apply to. */
    applicationLimit: integer('application_limit').notNull().default(3),
    createdBy: requiredRef('created_by', () => users.id),
    ...editTimes(),
    announcedBy: uuid('announced_by').references(() => users.id),
    announcedAt: timestamp('announced_at', { withTimezone: true }),
    ...laterLogReceipt(),
  },
  (t) => [uniqueIndex('competition_rounds_code_key').on(t.code)],
);

/**
 * draft → announced (with its round) → ranked (ranking and reserve list published) → appointed (every
 * place filled); an announced vacancy may instead be closed without appointment, never hidden.
 */
export const VACANCY_STATUSES = ['draft', 'announced', 'ranked', 'appointed', 'closed'] as const;
export type VacancyStatus = (typeof VACANCY_STATUSES)[number];

/**
 * A vacancy in a round. Announced with its round; from then on only its status and the receipts of
 * its ranking may change (a trigger refuses anything else, and its deletion), so none can be hidden.
 */
export const vacancies = pgTable(
  'vacancies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: requiredRef('round_id', () => competitionRounds.id),
    /** Public code, unique across rounds, e.g. `2026-1-ASAN-03`. */
    code: text('code').notNull(),
    agencyId: requiredRef('agency_id', () => agencies.id),
    position: jsonb('position').$type<Localised>().notNull(),
    categoryCode: text('category_code')
      .notNull()
      .references(() => categories.code),
    places: integer('places').notNull(),
    location: text('location').notNull(),
    requirements: jsonb('requirements').$type<Localised>().notNull(),
    interviewProgramme: jsonb('interview_programme').$type<Localised>().notNull(),
    applicationDeadline: timestamp('application_deadline', { withTimezone: true }).notNull(),
    status: text('status', { enum: VACANCY_STATUSES }).notNull().default('draft'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    announcedAt: timestamp('announced_at', { withTimezone: true }),
    ...laterLogReceipt(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    rankingPublishedAt: timestamp('ranking_published_at', { withTimezone: true }),
    rankingPublishedBy: uuid('ranking_published_by').references(() => users.id),
    rankingLogIndex: bigint('ranking_log_index', { mode: 'number' }),
    rankingLeafHash: text('ranking_leaf_hash'),
  },
  (t) => [
    uniqueIndex('vacancies_code_key').on(t.code),
    index('vacancies_round_idx').on(t.roundId),
    index('vacancies_agency_idx').on(t.agencyId),
  ],
);

export const APPLICATION_STATUSES = ['active', 'withdrawn', 'absent'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/**
 * An applicant's application to one vacancy, on the strength of one certificate. The candidate code
 * is the one their certificate's results were published under, so the public can join the two.
 */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    vacancyId: requiredRef('vacancy_id', () => vacancies.id),
    roundId: requiredRef('round_id', () => competitionRounds.id),
    userId: requiredRef('user_id', () => users.id),
    certificateId: requiredRef('certificate_id', () => certificates.id),
    candidateCode: text('candidate_code').notNull(),
    status: text('status', { enum: APPLICATION_STATUSES }).notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    absentRecordedAt: timestamp('absent_recorded_at', { withTimezone: true }),
    absentRecordedBy: uuid('absent_recorded_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('applications_one_per_vacancy_key').on(t.vacancyId, t.userId),
    index('applications_round_user_idx').on(t.roundId, t.userId),
    index('applications_user_idx').on(t.userId),
  ],
);

/** An application's interview: when and where. */
export const interviewSlots = pgTable(
  'interview_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: requiredRef('application_id', () => applications.id),
    vacancyId: requiredRef('vacancy_id', () => vacancies.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    location: text('location').notNull(),
    scheduledBy: requiredRef('scheduled_by', () => users.id),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('interview_slots_application_key').on(t.applicationId),
    index('interview_slots_vacancy_idx').on(t.vacancyId, t.startsAt),
  ],
);

export const PANEL_ROLES = ['chair', 'member'] as const;
export type PanelRole = (typeof PANEL_ROLES)[number];

/** A vacancy's interview commission: at least three staff accounts, fixed once a score is entered. */
export const interviewPanelMembers = pgTable(
  'interview_panel_members',
  {
    vacancyId: requiredRef('vacancy_id', () => vacancies.id),
    userId: requiredRef('user_id', () => users.id),
    panelRole: text('panel_role', { enum: PANEL_ROLES }).notNull(),
    appointedBy: requiredRef('appointed_by', () => users.id),
    appointedAt: timestamp('appointed_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('interview_panel_members_key').on(t.vacancyId, t.userId)],
);

/**
 * One panel member's scores for one candidate, per rubric criterion. Final when entered: a trigger
 * refuses updates and deletes. Its commitment (SHA-256 over the canonical scores and the salt) is
 * published at once; the salt stays private until the vacancy's ranking reveals it.
 */
export const interviewScores = pgTable(
  'interview_scores',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: requiredRef('application_id', () => applications.id),
    vacancyId: requiredRef('vacancy_id', () => vacancies.id),
    memberId: requiredRef('member_id', () => users.id),
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    total: numeric('total').notNull(),
    salt: text('salt').notNull(),
    commitment: text('commitment').notNull(),
    ...logReceipt(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('interview_scores_one_per_member_key').on(t.applicationId, t.memberId),
    index('interview_scores_vacancy_idx').on(t.vacancyId),
  ],
);

/** An appointment recorded by the administrator after the vacancy's ranking was published. */
export const appointments = pgTable(
  'appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    vacancyId: requiredRef('vacancy_id', () => vacancies.id),
    applicationId: requiredRef('application_id', () => applications.id),
    rank: integer('rank').notNull(),
    testScore: numeric('test_score').notNull(),
    interviewScore: numeric('interview_score').notNull(),
    finalScore: numeric('final_score').notNull(),
    appointedBy: requiredRef('appointed_by', () => users.id),
    appointedAt: timestamp('appointed_at', { withTimezone: true }).notNull(),
    ...logReceipt(),
  },
  (t) => [
    uniqueIndex('appointments_application_key').on(t.applicationId),
    index('appointments_vacancy_idx').on(t.vacancyId),
  ],
);

/** The published ranking of a vacancy, one row per ranked (present, fully scored) candidate. */
export const vacancyRankings = pgTable(
  'vacancy_rankings',
  {
    vacancyId: requiredRef('vacancy_id', () => vacancies.id),
    applicationId: requiredRef('application_id', () => applications.id),
    rank: integer('rank').notNull(),
    testScore: numeric('test_score').notNull(),
    interviewScore: numeric('interview_score').notNull(),
    finalScore: numeric('final_score').notNull(),
  },
  (t) => [
    uniqueIndex('vacancy_rankings_key').on(t.vacancyId, t.applicationId),
    uniqueIndex('vacancy_rankings_rank_key').on(t.vacancyId, t.rank),
  ],
);

export type Agency = typeof agencies.$inferSelect;
export type CompetitionRound = typeof competitionRounds.$inferSelect;
export type Vacancy = typeof vacancies.$inferSelect;
export type Application = typeof applications.$inferSelect;
export type InterviewSlot = typeof interviewSlots.$inferSelect;
export type InterviewPanelMember = typeof interviewPanelMembers.$inferSelect;
export type InterviewScore = typeof interviewScores.$inferSelect;
export type Appointment = typeof appointments.$inferSelect;
export type VacancyRanking = typeof vacancyRankings.$inferSelect;
