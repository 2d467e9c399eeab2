import { integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { Localised } from '../domain/question';

/**
 * Test categories, DİM's hierarchy: groups (A managerial, B executive) and their subgroups.
 * A certificate for a subgroup also covers the subgroups below it (a higher `rank` number).
 */
export const categories = pgTable('categories', {
  code: text('code').primaryKey(),
  /** The group a subgroup belongs to; null for a group. */
  parentCode: text('parent_code'),
  name: jsonb('name').$type<Localised>().notNull(),
  /** Within a group, 1 is the highest subgroup; it covers every subgroup ranked below it. */
  rank: integer('rank').notNull(),
  position: integer('position').notNull(),
});

export type Category = typeof categories.$inferSelect;
