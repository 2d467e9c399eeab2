import { index, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './types';
import { users } from './users';

/**
 * Links that reset a forgotten password. Only SHA-256 of the link's token is stored, so the table alone
 * resets nothing; a token is used once (`used_at`, set by one conditional update) and expires.
 */
export const passwordResets = pgTable(
  'password_resets',
  {
    tokenHash: bytea('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('password_resets_user_idx').on(t.userId)],
);

export type PasswordReset = typeof passwordResets.$inferSelect;
