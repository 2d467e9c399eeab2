import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { QuestionKey } from '../domain/question';
import { attempts } from './attempts';
import { questionVersions } from './questions';
import { users } from './users';

export const DECISION_OUTCOMES = ['reject', 'annul', 'accept-answer', 'correct-key'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const DECISION_STATUSES = ['awaiting-confirmation', 'final', 'withdrawn'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/**
 * The commission's decision about one question version, answering every appeal against it at once.
 * A rejection is final when written; an upheld decision waits for a second examiner (four eyes).
 */
export const appealDecisions = pgTable(
  'appeal_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => questionVersions.id),
    outcome: text('outcome', { enum: DECISION_OUTCOMES }).notNull(),
    /** For accept-answer and correct-key: the key in force afterwards. */
    key: jsonb('key').$type<QuestionKey>(),
    /** The written decision every appellant receives. */
    reason: text('reason').notNull(),
    status: text('status', { enum: DECISION_STATUSES }).notNull(),
    decidedBy: uuid('decided_by')
      .notNull()
      .references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
    confirmedBy: uuid('confirmed_by').references(() => users.id),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  },
  (t) => [index('appeal_decisions_version_idx').on(t.versionId)],
);

export const APPEAL_STATUSES = ['pending', 'rejected', 'upheld'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/** A candidate's appeal against one item of their own paper. */
export const appeals = pgTable(
  'appeals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => attempts.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    versionId: uuid('version_id')
      .notNull()
      .references(() => questionVersions.id),
    reason: text('reason').notNull(),
    status: text('status', { enum: APPEAL_STATUSES }).notNull().default('pending'),
    decisionId: uuid('decision_id').references(() => appealDecisions.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // One appeal per item per candidate's attempt.
    uniqueIndex('appeals_one_per_item_key').on(t.attemptId, t.versionId),
    index('appeals_version_idx').on(t.versionId, t.status),
    index('appeals_user_idx').on(t.userId),
  ],
);

export type Appeal = typeof appeals.$inferSelect;
export type AppealDecision = typeof appealDecisions.$inferSelect;
