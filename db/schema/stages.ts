import { boolean, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { logReceipt, requiredRef } from './columns';
import { blueprints } from './blueprints';
import { applications, competitionRounds, vacancies } from './competitions';
import { users } from './users';

/**
 * The kinds of selection stage: a test (a valid certificate, or a sitting of a blueprint), written work
 * (essay or case items of a blueprint, marked blind twice), the interview panel, and the commission's
 * decision over the combined score.
 */
export const STAGE_KINDS = ['test', 'written', 'interview', 'commission'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/**
 * One stage of a round, in order, with its gate and its weight in the final score. Part of the round's
 * published terms: a trigger refuses any change once the round is announced.
 */
export const roundStages = pgTable(
  'round_stages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: requiredRef('round_id', () => competitionRounds.id),
    /** 1 for the first stage. */
    position: integer('position').notNull(),
    kind: text('kind', { enum: STAGE_KINDS }).notNull(),
    /** The blueprint whose sittings give the score (a test by sitting, or written work); null = the certificate. */
    blueprintId: uuid('blueprint_id').references(() => blueprints.id),
    /** The stage's weight in the final score (0: a gate only). */
    weight: integer('weight').notNull(),
    /** Gate: the lowest score (0–100) that goes through, if any. */
    minScore: numeric('min_score'),
    /** Gate: a top share (whole percent) or a top number, if any. */
    topKind: text('top_kind', { enum: ['share', 'number'] }),
    topValue: integer('top_value'),
    /** Gate: at the limit, a tied group goes through whole (`include`) or not at all (`exclude`). */
    ties: text('ties', { enum: ['include', 'exclude'] })
      .notNull()
      .default('include'),
  },
  (t) => [uniqueIndex('round_stages_position_key').on(t.roundId, t.position)],
);

/** A vacancy's step past one stage: published in the log with the list of who goes through. Append-only. */
export const stageAdvancements = pgTable(
  'stage_advancements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    vacancyId: requiredRef('vacancy_id', () => vacancies.id),
    stageId: requiredRef('stage_id', () => roundStages.id),
    advancedBy: requiredRef('advanced_by', () => users.id),
    advancedAt: timestamp('advanced_at', { withTimezone: true }).notNull(),
    ...logReceipt(),
  },
  (t) => [uniqueIndex('stage_advancements_key').on(t.vacancyId, t.stageId)],
);

/** Each candidate's result at an advancement: score, rank, whether they went through and why. Append-only. */
export const stageResults = pgTable(
  'stage_results',
  {
    advancementId: requiredRef('advancement_id', () => stageAdvancements.id),
    applicationId: requiredRef('application_id', () => applications.id),
    score: numeric('score'),
    rank: integer('rank'),
    advanced: boolean('advanced').notNull(),
    /** A `GateReason` from `server/core/stage-gate.ts`. */
    reason: text('reason').notNull(),
  },
  (t) => [
    uniqueIndex('stage_results_key').on(t.advancementId, t.applicationId),
    index('stage_results_application_idx').on(t.applicationId),
  ],
);

export type RoundStage = typeof roundStages.$inferSelect;
export type StageAdvancement = typeof stageAdvancements.$inferSelect;
export type StageResult = typeof stageResults.$inferSelect;
