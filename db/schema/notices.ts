import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/** A name given in each language (a vacancy's post), as the notice's reader will need one of them. */
export type NoticeLocalised = { az?: string; ru?: string; en?: string };

/** A notice's values, as JSON: the text is rendered from them in the reader's language when read or mailed. */
export type NoticeParamsRecord = Record<string, string | number | boolean | null | NoticeLocalised>;

/**
 * What happened to an account holder (a booking confirmed, a result published, an appeal decided, …), kept
 * for their inbox. Only the kind and its values are stored, never rendered text, so the inbox shows each
 * notice in whatever language the reader uses now; the e-mail is written from the same values into the
 * outbox (server/modules/notices).
 */
export const notices = pgTable(
  'notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The kind's name (`booking-confirmed`, …): which text renders it. */
    kind: text('kind').notNull(),
    /**
     * What makes the event unique for its kind (a booking's id, an attempt's id with its new score, …): the
     * same event told twice, by a repeated action or a retried job, is one notice and one mail.
     */
    ref: text('ref').notNull(),
    params: jsonb('params').$type<NoticeParamsRecord>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notices_event_key').on(t.userId, t.kind, t.ref),
    index('notices_inbox_idx').on(t.userId, t.createdAt, t.id),
    index('notices_unread_idx')
      .on(t.userId)
      .where(sql`${t.readAt} is null`),
  ],
);

export type Notice = typeof notices.$inferSelect;
