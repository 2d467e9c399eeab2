import { bigint, index, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { requiredRef } from './columns';
import { essayScripts } from './essays';
import { users } from './users';

export const MARKING_APPEAL_OUTCOMES = ['upheld', 'rejected'] as const;
export type MarkingAppealOutcome = (typeof MARKING_APPEAL_OUTCOMES)[number];

/** A criterion's points as an appeal's decider set them. */
export interface CriterionPoints {
  criterionId: string;
  points: number;
}

/**
 * A candidate's appeal against the marking of one of their scripts (issue 18), within the sitting's appeal
 * days after the reveal: one per script (the unique index makes a second, or a concurrent one, a conflict).
 * Never changed once filed.
 */
export const essayMarkingAppeals = pgTable(
  'essay_marking_appeals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scriptId: requiredRef('script_id', () => essayScripts.id),
    userId: requiredRef('user_id', () => users.id),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('essay_marking_appeals_script_key').on(t.scriptId),
    index('essay_marking_appeals_user_idx').on(t.userId),
  ],
);

/**
 * The decision on a marking appeal, by a marker who marked none of the script: final when written (one per
 * appeal, and the database refuses to change it). Upheld, the decider's marks per criterion give the
 * script's final mark, committed in the log as a marking is; rejected, the final mark stands.
 */
export const essayMarkingAppealDecisions = pgTable('essay_marking_appeal_decisions', {
  appealId: uuid('appeal_id')
    .primaryKey()
    .references(() => essayMarkingAppeals.id),
  outcome: text('outcome', { enum: MARKING_APPEAL_OUTCOMES }).notNull(),
  /** Upheld only: the new mark per rubric criterion. */
  criteria: jsonb('criteria').$type<CriterionPoints[]>(),
  reason: text('reason').notNull(),
  previousPoints: numeric('previous_points').notNull(),
  finalPoints: numeric('final_points').notNull(),
  salt: text('salt'),
  commitment: text('commitment'),
  logIndex: bigint('log_index', { mode: 'number' }).notNull(),
  decidedBy: requiredRef('decided_by', () => users.id),
  decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
});

export type EssayMarkingAppeal = typeof essayMarkingAppeals.$inferSelect;
export type EssayMarkingAppealDecision = typeof essayMarkingAppealDecisions.$inferSelect;
