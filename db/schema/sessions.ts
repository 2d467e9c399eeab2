import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './types';
import { users } from './users';

/**
 * Sessions as the Lucia guide describes them: the cookie carries `<id>.<secret>`;
 * only SHA-256 of the secret is stored, so a leaked table cannot be replayed.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    secretHash: bytea('secret_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastVerifiedAt: timestamp('last_verified_at', { withTimezone: true }).notNull(),
    /** Staff sessions are only fully signed in once the TOTP code has been checked. */
    twoFactorVerified: boolean('two_factor_verified').notNull().default(false),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export type Session = typeof sessions.$inferSelect;
