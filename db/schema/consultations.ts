import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { requiredRef } from './columns';
import { users } from './users';

/** What a question may be about: each topic has its own queue and its own published response target. */
export const CONSULTATION_TOPICS = [
  'registration',
  'booking',
  'exam',
  'results',
  'certificates',
  'vacancies',
  'technical',
  'other',
] as const;
export type ConsultationTopic = (typeof CONSULTATION_TOPICS)[number];

/** Open: waiting for an official's answer. Answered: the last word is the official's. */
export const CONSULTATION_STATUSES = ['open', 'answered'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

/** What a signed-in asker may tie a question to: one of their own. */
export const CONSULTATION_SUBJECTS = ['booking', 'attempt', 'appeal', 'application'] as const;
export type ConsultationSubject = (typeof CONSULTATION_SUBJECTS)[number];

/**
 * A thread's entries: the asker's question and their one reply, an official's answer, and the note an
 * official leaves when passing the question on (staff only, never shown to the asker).
 */
export const CONSULTATION_MESSAGE_KINDS = ['question', 'answer', 'reply', 'note'] as const;
export type ConsultationMessageKind = (typeof CONSULTATION_MESSAGE_KINDS)[number];

/** Each topic's published response target, in working days of Baku's calendar. */
export const consultationTopics = pgTable(
  'consultation_topics',
  {
    topic: text('topic', { enum: CONSULTATION_TOPICS }).primaryKey(),
    targetDays: integer('target_days').notNull().default(3),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [check('consultation_topics_target_days_check', sql`${t.targetDays} between 1 and 60`)],
);

/**
 * A question to the centre. A signed-in applicant asks as themselves (`user_id`); an anonymous visitor
 * leaves an address for the answer (`email`). The target is fixed when the question arrives, so a later
 * change of the topic's target does not move what was promised.
 */
export const consultations = pgTable(
  'consultations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    topic: text('topic', { enum: CONSULTATION_TOPICS }).notNull(),
    /** The asker's language: the answer is written in it. */
    language: text('language').notNull(),
    userId: uuid('user_id').references(() => users.id),
    email: text('email'),
    subject: text('subject').notNull(),
    /** One of the asker's own bookings, attempts, appeals or applications, checked when asked. */
    relatedType: text('related_type', { enum: CONSULTATION_SUBJECTS }),
    relatedId: uuid('related_id'),
    status: text('status', { enum: CONSULTATION_STATUSES }).notNull().default('open'),
    /** The official who has taken it; null while it waits in the queue. */
    holderId: uuid('holder_id').references(() => users.id),
    heldAt: timestamp('held_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** The end of the last working day the topic's target allows. */
    targetAt: timestamp('target_at', { withTimezone: true }).notNull(),
    /** The first answer's time: what the public figures measure. */
    firstAnsweredAt: timestamp('first_answered_at', { withTimezone: true }),
    /** When the asker used their one reply. */
    repliedAt: timestamp('replied_at', { withTimezone: true }),
  },
  (t) => [
    check('consultations_asker_check', sql`(${t.userId} is null) <> (${t.email} is null)`),
    check('consultations_related_check', sql`(${t.relatedType} is null) = (${t.relatedId} is null)`),
    index('consultations_queue_idx').on(t.status, t.createdAt),
    index('consultations_user_idx').on(t.userId),
    index('consultations_created_idx').on(t.createdAt),
  ],
);

/** The thread of a consultation, oldest first. */
export const consultationMessages = pgTable(
  'consultation_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: requiredRef('consultation_id', () => consultations.id),
    /** The message's place in its thread, 1 first: written under the consultation's row lock, so never shared. */
    position: integer('position').notNull(),
    kind: text('kind', { enum: CONSULTATION_MESSAGE_KINDS }).notNull(),
    /** The official for an answer or a note, the asker for a signed-in question or reply; null for an anonymous asker. */
    authorId: uuid('author_id').references(() => users.id),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('consultation_messages_thread_key').on(t.consultationId, t.position)],
);

/** Text in the three interface languages, all required for a published entry. */
export type FaqText = { az: string; ru: string; en: string };

/**
 * A published answer, edited by staff to remove anything personal, in three languages. Withdrawn entries
 * stay (the audit names them) but leave the public list.
 */
export const faqEntries = pgTable(
  'faq_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    topic: text('topic', { enum: CONSULTATION_TOPICS }).notNull(),
    question: jsonb('question').$type<FaqText>().notNull(),
    answer: jsonb('answer').$type<FaqText>().notNull(),
    /** The consultation it was made from, if any (staff only). */
    consultationId: uuid('consultation_id').references(() => consultations.id),
    createdBy: requiredRef('created_by', () => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [index('faq_entries_topic_idx').on(t.topic, t.createdAt)],
);

/** What an applicant may rate: an answered consultation, a decided appeal, a submitted exam. */
export const RATED_SUBJECTS = ['consultation', 'appeal', 'attempt'] as const;
export type RatedSubject = (typeof RATED_SUBJECTS)[number];

/**
 * A rating of the service, 1–5, once per thing rated. The topic it counts under is fixed when rated
 * (a consultation's topic; an appeal counts under results, an exam under the exam). The comment is for
 * staff only.
 */
export const satisfactionRatings = pgTable(
  'satisfaction_ratings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: requiredRef('user_id', () => users.id),
    subjectType: text('subject_type', { enum: RATED_SUBJECTS }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    topic: text('topic', { enum: CONSULTATION_TOPICS }).notNull(),
    score: integer('score').notNull(),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('satisfaction_ratings_score_check', sql`${t.score} between 1 and 5`),
    uniqueIndex('satisfaction_ratings_once_key').on(t.userId, t.subjectType, t.subjectId),
    index('satisfaction_ratings_created_idx').on(t.createdAt),
  ],
);

export type Consultation = typeof consultations.$inferSelect;
export type ConsultationMessage = typeof consultationMessages.$inferSelect;
export type FaqEntry = typeof faqEntries.$inferSelect;
export type SatisfactionRating = typeof satisfactionRatings.$inferSelect;
