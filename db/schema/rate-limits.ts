import { integer, pgTable, text, timestamp, index } from 'drizzle-orm/pg-core';

/**
 * The request rate limits' counters (sign-in, sign-up, two-factor), kept in the database rather than in a
 * process's memory, so that several server processes behind one address share one limit.
 */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    /** The limited route and the client's key (its address), e.g. `POST/api/auth/sign-in|203.0.113.7`. */
    key: text('key').primaryKey(),
    /** Requests counted in the current window. */
    hits: integer('hits').notNull(),
    /** When the current window ends and the count starts again. */
    resetsAt: timestamp('resets_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limit_hits_resets_at_idx').on(t.resetsAt)],
);
