import {
  bigint,
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
import { MARKING_RULES } from '../domain/marking';
import { attempts } from './attempts';
import { questionVersions } from './questions';
import { sittings } from './sittings';
import { users } from './users';

export { MARKING_RULES, type MarkingRule } from '../domain/marking';

export const SCRIPT_STATUSES = ['marking', 'third', 'final'] as const;
/** marking: awaiting its two markers; third: they differ by more than the threshold, the chief marks; final. */
export type ScriptStatus = (typeof SCRIPT_STATUSES)[number];

export const MARKER_ROLES = ['first', 'second', 'chief'] as const;
export type MarkerRole = (typeof MARKER_ROLES)[number];

/** One criterion's mark in a marking: points and the marker's short reason. */
export interface CriterionMark {
  criterionId: string;
  points: number;
  justification: string;
}

/** A sitting's written-work marking: its markers, its chief, and the published threshold and rule. */
export const essayMarkingPlans = pgTable('essay_marking_plans', {
  sittingId: uuid('sitting_id')
    .primaryKey()
    .references(() => sittings.id),
  threshold: integer('threshold').notNull(),
  rule: text('rule', { enum: MARKING_RULES }).notNull(),
  chiefId: requiredRef('chief_id', () => users.id),
  markerIds: jsonb('marker_ids').$type<string[]>().notNull(),
  /** The log entry that published the threshold and rule. */
  logIndex: bigint('log_index', { mode: 'number' }).notNull(),
  /** Set when the candidates may see the markings with their markers' names and roles. */
  revealedAt: timestamp('revealed_at', { withTimezone: true }),
  revealedBy: uuid('revealed_by').references(() => users.id),
  createdBy: requiredRef('created_by', () => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/**
 * A candidate's answer to one essay item, frozen for marking under an anonymous code: markers reach it by
 * the code alone, and no marking route reads the attempt it came from.
 */
export const essayScripts = pgTable(
  'essay_scripts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    sittingId: requiredRef('sitting_id', () => sittings.id),
    attemptId: requiredRef('attempt_id', () => attempts.id),
    versionId: requiredRef('version_id', () => questionVersions.id),
    text: text('text').notNull(),
    maxPoints: integer('max_points').notNull(),
    status: text('status', { enum: SCRIPT_STATUSES }).notNull().default('marking'),
    finalPoints: numeric('final_points'),
    /** How the final mark was reached: agreed (within the threshold) or the plan's rule. */
    finalHow: text('final_how'),
    finalisedAt: timestamp('finalised_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('essay_scripts_code_key').on(t.code),
    uniqueIndex('essay_scripts_attempt_item_key').on(t.attemptId, t.versionId),
    index('essay_scripts_sitting_idx').on(t.sittingId),
  ],
);

/** Who marks a script, in which role; a marker holds at most one role on a script. */
export const essayAssignments = pgTable(
  'essay_assignments',
  {
    scriptId: requiredRef('script_id', () => essayScripts.id),
    markerId: requiredRef('marker_id', () => users.id),
    role: text('role', { enum: MARKER_ROLES }).notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scriptId, t.role] }),
    uniqueIndex('essay_assignments_marker_key').on(t.scriptId, t.markerId),
    index('essay_assignments_marker_idx').on(t.markerId),
  ],
);

/** One marker's marks for a script: final when entered (the database refuses to change them), committed in the log. */
export const essayMarkings = pgTable(
  'essay_markings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scriptId: requiredRef('script_id', () => essayScripts.id),
    markerId: requiredRef('marker_id', () => users.id),
    role: text('role', { enum: MARKER_ROLES }).notNull(),
    criteria: jsonb('criteria').$type<CriterionMark[]>().notNull(),
    total: integer('total').notNull(),
    salt: text('salt').notNull(),
    commitment: text('commitment').notNull(),
    logIndex: bigint('log_index', { mode: 'number' }).notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('essay_markings_one_per_marker_key').on(t.scriptId, t.markerId)],
);

export type EssayMarkingPlan = typeof essayMarkingPlans.$inferSelect;
export type EssayScript = typeof essayScripts.$inferSelect;
export type EssayAssignment = typeof essayAssignments.$inferSelect;
export type EssayMarking = typeof essayMarkings.$inferSelect;
