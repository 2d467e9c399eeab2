import { boolean, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { editTimes, requiredRef } from './columns';
import type { BlueprintSection, ScoringRules } from '../domain/blueprint';
import type { Language } from '../domain/question';
import { users } from './users';

/** What a paper must contain: ordered sections, timing, pass mark and scoring rules. */
export const blueprints = pgTable('blueprints', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  description: text('description'),
  language: text('language').$type<Language>().notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  passMark: integer('pass_mark').notNull(),
  scoring: jsonb('scoring').$type<ScoringRules>().notNull(),
  sections: jsonb('sections').$type<BlueprintSection[]>().notNull(),
  /** Bumped on every change, so a sitting can record which revision it used. */
  revision: integer('revision').notNull().default(1),
  archived: boolean('archived').notNull().default(false),
  createdBy: requiredRef('created_by', () => users.id),
  ...editTimes(),
});

export type BlueprintRow = typeof blueprints.$inferSelect;
