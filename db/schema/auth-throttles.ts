import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sessions } from './sessions';
import { users } from './users';

export const AUTH_THROTTLE_KINDS = ['sign-in', 'two-factor'] as const;
export type AuthThrottleKind = (typeof AUTH_THROTTLE_KINDS)[number];

/**
 * Failed sign-in secrets (passwords, TOTP codes) per subject, and the lock-out they lead to.
 * In PostgreSQL, not in memory, so that every application process counts the same failures.
 */
export const authThrottles = pgTable(
  'auth_throttles',
  {
    kind: text('kind', { enum: AUTH_THROTTLE_KINDS }).notNull(),
    /** `account:<user id>`, `login:<SHA-256 of a login no account has>` or `address:<client address>`. */
    subject: text('subject').notNull(),
    /** The account, for account subjects: its holder is told of the failures at the next sign-in. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** Attempts since the last success (counted when they start), which decide the lock-out. */
    failures: integer('failures').notNull(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** Failures the account holder has not been told about yet. */
    unreported: integer('unreported').notNull().default(0),
    /** Whether a lock-out happened that the account holder has not been told about yet. */
    lockoutUnreported: boolean('lockout_unreported').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.subject] }),
    index('auth_throttles_user_idx')
      .on(t.userId)
      .where(sql`${t.userId} is not null`),
    check('auth_throttles_counts_check', sql`${t.failures} >= 0 and ${t.unreported} >= 0`),
  ],
);

export type AuthThrottle = typeof authThrottles.$inferSelect;

/**
 * What a session's holder is told on their account page: the failed attempts on their account
 * since they last signed in. Tied to the session, so it goes when the session does.
 */
export const authNotices = pgTable('auth_notices', {
  sessionId: text('session_id')
    .primaryKey()
    .references(() => sessions.id, { onDelete: 'cascade' }),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  failedPasswords: integer('failed_passwords').notNull(),
  failedCodes: integer('failed_codes').notNull(),
  lockedOut: boolean('locked_out').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export type AuthNotice = typeof authNotices.$inferSelect;
