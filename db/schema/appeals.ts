import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { requiredRef } from './columns';
import type { QuestionKey } from '../domain/question';
import { attempts } from './attempts';
import { questionVersions } from './questions';
import { users } from './users';

export const DECISION_OUTCOMES = ['reject', 'annul', 'accept-answer', 'correct-key'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/**
 * An upheld decision awaits a second examiner, who confirms it (final) or declines it with a reason;
 * until then its decider may withdraw it. A declined or withdrawn decision answers no appeal: they
 * stay pending for a new decision.
 */
export const DECISION_STATUSES = ['awaiting-confirmation', 'final', 'withdrawn', 'declined'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/**
 * The commission's decision about one question version, answering every appeal against it at once.
 * A rejection is final when written; an upheld decision waits for a second examiner (four eyes).
 */
export const appealDecisions = pgTable(
  'appeal_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: requiredRef('version_id', () => questionVersions.id),
    outcome: text('outcome', { enum: DECISION_OUTCOMES }).notNull(),
    /** For accept-answer and correct-key: the key in force afterwards. */
    key: jsonb('key').$type<QuestionKey>(),
    /** The written decision every appellant receives. */
    reason: text('reason').notNull(),
    status: text('status', { enum: DECISION_STATUSES }).notNull(),
    decidedBy: requiredRef('decided_by', () => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
    confirmedBy: uuid('confirmed_by').references(() => users.id),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    /** Who declined (a second examiner) or withdrew (the decider) the decision, when and why. */
    closedBy: uuid('closed_by').references(() => users.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closeReason: text('close_reason'),
  },
  (t) => [
    index('appeal_decisions_version_idx').on(t.versionId),
    // At most one decision per version waits for a second examiner (the service also locks the version).
    uniqueIndex('appeal_decisions_one_awaiting_key')
      .on(t.versionId)
      .where(sql`${t.status} = 'awaiting-confirmation'`),
  ],
);

export const APPEAL_STATUSES = ['pending', 'rejected', 'upheld'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/** A candidate's appeal against one item of their own paper. */
export const appeals = pgTable(
  'appeals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    attemptId: requiredRef('attempt_id', () => attempts.id),
    userId: requiredRef('user_id', () => users.id),
    versionId: requiredRef('version_id', () => questionVersions.id),
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

export const ANNULMENT_APPEAL_STATUSES = ['pending', 'upheld', 'rejected'] as const;
export type AnnulmentAppealStatus = (typeof ANNULMENT_APPEAL_STATUSES)[number];

/**
 * A candidate's appeal against the annulment of their attempt. It names the annulment it answers
 * (when, by whom and why), since upholding it clears those from the attempt. An administrator other
 * than the one who annulled decides it.
 */
export const annulmentAppeals = pgTable(
  'annulment_appeals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    attemptId: requiredRef('attempt_id', () => attempts.id),
    userId: requiredRef('user_id', () => users.id),
    annulledAt: timestamp('annulled_at', { withTimezone: true }).notNull(),
    annulledBy: uuid('annulled_by').references(() => users.id),
    annulReason: text('annul_reason'),
    reason: text('reason').notNull(),
    status: text('status', { enum: ANNULMENT_APPEAL_STATUSES }).notNull().default('pending'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // One appeal per annulment: an attempt annulled again after reinstatement may be appealed again.
    uniqueIndex('annulment_appeals_one_per_annulment_key').on(t.attemptId, t.annulledAt),
    index('annulment_appeals_status_idx').on(t.status, t.createdAt),
    index('annulment_appeals_user_idx').on(t.userId),
  ],
);

export type Appeal = typeof appeals.$inferSelect;
export type AnnulmentAppeal = typeof annulmentAppeals.$inferSelect;
export type AppealDecision = typeof appealDecisions.$inferSelect;
