import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { requiredRef } from './columns';
import type { Paper } from '../domain/paper';
import type { Answer, ScoringResult } from '../domain/scoring';
import { bookings } from './bookings';
import { questionVersions } from './questions';
import { sittings } from './sittings';
import { users } from './users';

export const ATTEMPT_STATUSES = ['ready', 'started', 'submitted', 'annulled'] as const;
/**
 * - ready: the paper is drawn (when booking closed) and waits for the candidate to start;
 * - started: the deadline is fixed and answers are being saved;
 * - submitted: finalised, by the candidate or at the deadline, and scored (or held: see `scoringHold`);
 * - annulled: taken out by an administrator for a rule breach.
 */
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

/** Why an attempt could not be scored, and, once an administrator released it, who did and what they set aside. */
export interface ScoringHold {
  problems: { path: string; message: string }[];
  heldAt: string;
  release?: { by: string | null; at: string; reason: string; clearedVersionIds: string[] };
}

export const FINALISED_BY = ['candidate', 'deadline'] as const;
export type FinalisedBy = (typeof FINALISED_BY)[number];

/** A candidate's sitting of the exam: the frozen paper, the server's deadline and the result. */
export const attempts = pgTable(
  'attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookingId: requiredRef('booking_id', () => bookings.id),
    sittingId: requiredRef('sitting_id', () => sittings.id),
    userId: requiredRef('user_id', () => users.id),
    /** HMAC of the attempt id under the server's paper secret: the paper can be drawn again from it. */
    seed: text('seed').notNull(),
    paper: jsonb('paper').$type<Paper>().notNull(),
    /** The paper's question versions, so an autosave checks membership through the row it already reads. */
    versionIds: uuid('version_ids').array().notNull(),
    status: text('status', { enum: ATTEMPT_STATUSES }).notNull().default('ready'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    /** Fixed at start: duration plus accommodation, capped by the sitting's end; moved only by an audited extension. */
    deadline: timestamp('deadline', { withTimezone: true }),
    extraMinutes: integer('extra_minutes').notNull().default(0),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    finalisedBy: text('finalised_by', { enum: FINALISED_BY }),
    result: jsonb('result').$type<ScoringResult>(),
    /**
     * Set when the attempt closed but could not be scored (DESIGN.md rule 12): it is held back from
     * publication and shown to the administrators by name, and no other attempt waits for it.
     */
    scoringHold: jsonb('scoring_hold').$type<ScoringHold>(),
    points: numeric('points'),
    passed: boolean('passed'),
    annulledAt: timestamp('annulled_at', { withTimezone: true }),
    annulledBy: uuid('annulled_by').references(() => users.id),
    annulReason: text('annul_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // One attempt per booking, and so at most one per candidate per sitting (DESIGN.md rule 3).
    uniqueIndex('attempts_booking_key').on(t.bookingId),
    uniqueIndex('attempts_sitting_user_key').on(t.sittingId, t.userId),
    index('attempts_due_idx')
      .on(t.deadline)
      .where(sql`${t.status} = 'started'`),
    index('attempts_user_idx').on(t.userId),
    check(
      'attempts_started_has_deadline',
      sql`${t.status} = 'ready' or ${t.deadline} is not null or ${t.status} = 'annulled'`,
    ),
  ],
);

/**
 * The latest acknowledged answer to one item of an attempt. `seq` is the browser's per-item counter:
 * a write with a lower or equal one is stale and changes nothing.
 */
export const attemptAnswers = pgTable(
  'attempt_answers',
  {
    attemptId: requiredRef('attempt_id', () => attempts.id),
    versionId: requiredRef('version_id', () => questionVersions.id),
    /** Null when the candidate cleared the answer (a flag may still be set). */
    answer: jsonb('answer').$type<Answer>(),
    flagged: boolean('flagged').notNull().default(false),
    seq: integer('seq').notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.versionId] })],
);

export type Attempt = typeof attempts.$inferSelect;
export type AttemptAnswer = typeof attemptAnswers.$inferSelect;
