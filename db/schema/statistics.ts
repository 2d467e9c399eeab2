import { bigint, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ItemAnalysis } from '../domain/item-statistics';
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
  logIndex: bigint('log_index', { mode: 'number' }),
  leafHash: text('leaf_hash'),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
});

export type ItemStatisticsRow = typeof itemStatistics.$inferSelect;
