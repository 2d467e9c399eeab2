import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { laterLogReceipt, requiredRef } from './columns';
import { attempts } from './attempts';
import { categories } from './categories';
import { users } from './users';

export const CERTIFICATE_STATUSES = ['valid', 'revoked'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/**
 * A pass certificate: valid for years (5 by default) for its subgroup and those ranked below it in
 * the same group. Revoked, never deleted, when a re-scoring turns the pass into a fail.
 */
export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The public code printed on the certificate and in its QR code's verification URL. */
    code: text('code').notNull(),
    attemptId: requiredRef('attempt_id', () => attempts.id),
    userId: requiredRef('user_id', () => users.id),
    categoryCode: text('category_code')
      .notNull()
      .references(() => categories.code),
    status: text('status', { enum: CERTIFICATE_STATUSES }).notNull().default('valid'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokeReason: text('revoke_reason'),
    ...laterLogReceipt(),
  },
  (t) => [
    uniqueIndex('certificates_code_key').on(t.code),
    uniqueIndex('certificates_attempt_key').on(t.attemptId),
    index('certificates_user_idx').on(t.userId),
  ],
);

export type Certificate = typeof certificates.$inferSelect;
