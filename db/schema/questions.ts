import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { editTimes, requiredRef } from './columns';
import type { Difficulty, Localised, QuestionContent, QuestionKey, QuestionType } from '../domain/question';
import { users } from './users';

/** The test's sections: logic, legislation, informatics, Azerbaijani language… */
export const subjects = pgTable('subjects', {
  id: text('id').primaryKey(),
  name: jsonb('name').$type<Localised>().notNull(),
  position: integer('position').notNull(),
});

/** Topics within a subject, e.g. the Constitution within legislation. */
export const topics = pgTable(
  'topics',
  {
    id: text('id').primaryKey(),
    subjectId: text('subject_id')
      .notNull()
      .references(() => subjects.id),
    name: jsonb('name').$type<Localised>().notNull(),
    position: integer('position').notNull(),
  },
  (t) => [index('topics_subject_idx').on(t.subjectId)],
);

export const QUESTION_STATUSES = ['draft', 'in_review', 'approved', 'retired'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

/**
 * A question in the bank. Its words live in immutable versions; this row holds where it is filed,
 * where it stands in review, and which version is the approved one papers draw.
 */
export const questions = pgTable(
  'questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Bank order, used when a section does not shuffle its questions. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    externalId: text('external_id'),
    subjectId: text('subject_id')
      .notNull()
      .references(() => subjects.id),
    topicId: text('topic_id').references(() => topics.id),
    status: text('status', { enum: QUESTION_STATUSES }).notNull().default('draft'),
    authorId: requiredRef('author_id', () => users.id),
    currentVersion: integer('current_version').notNull(),
    /** The version papers may draw; it stays while a newer draft is being reviewed. */
    approvedVersion: integer('approved_version'),
    ...editTimes(),
  },
  (t) => [
    uniqueIndex('questions_external_id_key')
      .on(t.externalId)
      .where(sql`${t.externalId} is not null`),
    index('questions_subject_idx').on(t.subjectId, t.topicId),
    index('questions_status_idx').on(t.status),
  ],
);

/**
 * One immutable version of a question. A trigger refuses any change except marking it used
 * (once), so what a candidate saw on a paper can always be shown again exactly.
 */
export const questionVersions = pgTable(
  'question_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionId: requiredRef('question_id', () => questions.id),
    version: integer('version').notNull(),
    type: text('type').$type<QuestionType>().notNull(),
    difficulty: text('difficulty').$type<Difficulty>().notNull(),
    content: jsonb('content').$type<QuestionContent>().notNull(),
    answerKey: jsonb('answer_key').$type<QuestionKey>().notNull(),
    explanation: jsonb('explanation').$type<Localised>().notNull(),
    source: text('source'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdBy: requiredRef('created_by', () => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Set when the version first appears on a paper; from then on it can never change. */
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('question_versions_question_version_key').on(t.questionId, t.version)],
);

export const REVIEW_ACTIONS = [
  'submitted',
  'approved',
  'changes-requested',
  'commented',
  'retired',
  'edited',
  // A confirmed appeal ruling on one of the question's versions (DESIGN.md rule 14).
  'annulled',
  'key-corrected',
] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** The review trail of a question: every step and comment, kept for good. */
export const questionReviews = pgTable(
  'question_reviews',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    questionId: requiredRef('question_id', () => questions.id),
    version: integer('version').notNull(),
    actorId: requiredRef('actor_id', () => users.id),
    action: text('action', { enum: REVIEW_ACTIONS }).notNull(),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('question_reviews_question_idx').on(t.questionId, t.id)],
);

export type Question = typeof questions.$inferSelect;
export type QuestionVersion = typeof questionVersions.$inferSelect;
export type QuestionReview = typeof questionReviews.$inferSelect;
