import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { laterLogReceipt } from './columns';
import type { ItemAnalysis } from '../domain/item-statistics';
import { blueprints } from './blueprints';
import { sittings } from './sittings';

/**
 * A sitting's item and test statistics, computed in the background from its published results. One row per
 * sitting, replaced when a later publication revision (after a re-scoring) makes it stale.
 */
export const itemStatistics = pgTable('item_statistics', {
  sittingId: uuid('sitting_id')
    .primaryKey()
    .references(() => sittings.id),
  /** The results publication revision the statistics were computed from. */
  revision: integer('revision').notNull(),
  attempts: integer('attempts').notNull(),
  analysis: jsonb('analysis').$type<ItemAnalysis>().notNull(),
  /** The public part (reliability, SEM, histogram) as logged: `sitting.statistics_published`. */
  ...laterLogReceipt(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
});

export type ItemStatisticsRow = typeof itemStatistics.$inferSelect;

/** One sitting that went into a blueprint's statistics: the exam language and the paper form it stands for. */
export interface BlueprintStatisticsSitting {
  sittingId: string;
  code: string;
  revision: number;
  language: string | null;
  attempts: number;
}

/**
 * Item statistics across every published sitting of one blueprint: each sitting is held in one language, so the
 * difference between languages (DIF) and between the sittings' papers (forms) shows only here. Computed in the
 * background and replaced whenever the set of sittings or a sitting's publication revision changes.
 */
export const blueprintStatistics = pgTable('blueprint_statistics', {
  blueprintId: uuid('blueprint_id')
    .primaryKey()
    .references(() => blueprints.id),
  /** The published sittings and revisions it was computed from, `sittingId:revision` sorted and joined by commas. */
  basis: text('basis').notNull(),
  sittings: jsonb('sittings').$type<BlueprintStatisticsSitting[]>().notNull(),
  attempts: integer('attempts').notNull(),
  analysis: jsonb('analysis').$type<ItemAnalysis>().notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
});
