import {
  bigint,
  boolean,
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
import { logReceipt, requiredRef } from './columns';
import type { QuestionKey } from '../domain/question';
import { appealDecisions } from './appeals';
import { attempts } from './attempts';
import { questionVersions } from './questions';
import { sittings } from './sittings';
import { users } from './users';

/**
 * A sitting's results as published: when, under which log entry, and the statistics published with
 * them. A sitting's results are republished after an upheld appeal re-scores it: one row each time.
 */
export const resultPublications = pgTable(
  'result_publications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sittingId: requiredRef('sitting_id', () => sittings.id),
    /** 1 for the first publication, then one more per republication. */
    revision: integer('revision').notNull(),
    statistics: jsonb('statistics').$type<Record<string, unknown>>().notNull(),
    ...logReceipt(),
    publishedBy: uuid('published_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('result_publications_revision_key').on(t.sittingId, t.revision)],
);

/** A candidate's published result: the log entry that made it public, per publication. */
export const publishedResults = pgTable(
  'published_results',
  {
    attemptId: requiredRef('attempt_id', () => attempts.id),
    publicationId: requiredRef('publication_id', () => resultPublications.id),
    points: numeric('points').notNull(),
    passed: boolean('passed').notNull(),
    ...logReceipt(),
  },
  (t) => [
    uniqueIndex('published_results_key').on(t.publicationId, t.attemptId),
    index('published_results_attempt_idx').on(t.attemptId),
  ],
);

export const RULING_KINDS = ['annul', 'key'] as const;
export type RulingKind = (typeof RULING_KINDS)[number];

/**
 * An upheld appeal's effect on one question version, wherever it appears: the item annulled, or the
 * key in force replaced (an additional answer accepted, or the key corrected). Scoring reads these.
 */
export const itemRulings = pgTable(
  'item_rulings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: requiredRef('version_id', () => questionVersions.id),
    kind: text('kind', { enum: RULING_KINDS }).notNull(),
    /** For `key`: the key in force from now on. */
    key: jsonb('key').$type<QuestionKey>(),
    /** For `annul`: award everyone the points, or take the item out; null follows the blueprint. */
    annulMode: text('annul_mode', { enum: ['award-all', 'remove'] }),
    decisionId: requiredRef('decision_id', () => appealDecisions.id),
    logIndex: bigint('log_index', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('item_rulings_version_idx').on(t.versionId, t.createdAt)],
);

export const RESCORING_STATUSES = ['queued', 'running', 'done'] as const;
export type RescoringStatus = (typeof RESCORING_STATUSES)[number];

/**
 * A background re-scoring of every attempt that carried a ruled version. It walks the attempts in
 * id order and records its cursor after each batch, so it resumes after a crash where it stopped;
 * scoring is pure and each attempt's change is recorded once, so running a batch twice is harmless.
 */
export const rescoringJobs = pgTable(
  'rescoring_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    rulingId: requiredRef('ruling_id', () => itemRulings.id),
    status: text('status', { enum: RESCORING_STATUSES }).notNull().default('queued'),
    total: integer('total').notNull(),
    processed: integer('processed').notNull().default(0),
    /** The last attempt id re-scored; the next batch starts after it. */
    cursor: uuid('cursor'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('rescoring_jobs_status_idx').on(t.status, t.createdAt)],
);

/** The change report: who moved, from what to what, whose pass or fail flipped. */
export const rescoringChanges = pgTable(
  'rescoring_changes',
  {
    jobId: requiredRef('job_id', () => rescoringJobs.id),
    attemptId: requiredRef('attempt_id', () => attempts.id),
    pointsBefore: numeric('points_before').notNull(),
    pointsAfter: numeric('points_after').notNull(),
    passedBefore: boolean('passed_before').notNull(),
    passedAfter: boolean('passed_after').notNull(),
  },
  (t) => [uniqueIndex('rescoring_changes_key').on(t.jobId, t.attemptId)],
);

export type ResultPublication = typeof resultPublications.$inferSelect;
export type ItemRuling = typeof itemRulings.$inferSelect;
export type RescoringJob = typeof rescoringJobs.$inferSelect;
