import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const ROLES = ['applicant', 'examiner', 'administrator', 'invigilator'] as const;
export type Role = (typeof ROLES)[number];

/** Everyone who signs in: applicants and staff alike, told apart by role. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Which national scheme the ID belongs to, e.g. AZ_FIN or KZ_IIN. Staff may have none. */
    nationalIdScheme: text('national_id_scheme'),
    nationalId: text('national_id'),
    fullName: text('full_name').notNull(),
    /** Stored lower-cased so that uniqueness ignores case. */
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ROLES }).notNull().default('applicant'),
    /** Base32 TOTP secret; null until the user has set up two-factor. */
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** The last TOTP time step accepted, so a code cannot be replayed within its window. */
    totpLastStep: integer('totp_last_step'),
    locale: text('locale').notNull().default('az'),
    /** Set while an administrator has disabled the account: it cannot sign in and has no sessions. */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /** An initial password an administrator typed: the holder must change it before anything else. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    uniqueIndex('users_national_id_key')
      .on(t.nationalIdScheme, t.nationalId)
      .where(sql`${t.nationalId} is not null`),
    index('users_role_idx').on(t.role),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
