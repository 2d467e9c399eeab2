import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * Mails waiting to be sent, and those sent. A mail is written in the same transaction as the action that
 * causes it, so an action that rolls back sends nothing and one that commits is never left unannounced;
 * a background sender sends it afterwards, never inside the request (server/modules/mail).
 */
export const outboxMails = pgTable(
  'outbox_mails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The account it was written for, if any; the address is kept as it was when written. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    toAddress: text('to_address').notNull(),
    locale: text('locale').notNull(),
    /** The template's name (`password-reset`, …): the kind of mail. */
    template: text('template').notNull(),
    /** Rendered when written, in the recipient's language: what is shown is what is sent. */
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** A body holding a secret (a reset link) is blanked once sent, so no one reads it from here later. */
    secret: boolean('secret').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** When the sender may next try it; null once sent or given up. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [
    index('outbox_mails_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.nextAttemptAt} is not null`),
    index('outbox_mails_created_idx').on(t.createdAt, t.id),
  ],
);

export type OutboxMail = typeof outboxMails.$inferSelect;
