import { bigint, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { logCheckpoints } from './log';

/**
 * Witnesses' cosignatures (C2SP tlog-cosignature) on the log's checkpoints, each verified against the witness's
 * configured key before it is stored. `witness` is that key in verifier-key form, so a rotated key is a new witness.
 * Append-only: triggers refuse UPDATE, DELETE and TRUNCATE (migration 0028), as for the checkpoints they vouch for.
 */
export const logCosignatures = pgTable(
  'log_cosignatures',
  {
    checkpointSize: bigint('checkpoint_size', { mode: 'number' })
      .notNull()
      .references(() => logCheckpoints.size),
    witness: text('witness').notNull(),
    /** The note signature line as the witness returned it, appended to the checkpoint when served. */
    signatureLine: text('signature_line').notNull(),
    /** The time inside the cosignature: when the witness vouched for this tree head. */
    cosignedAt: timestamp('cosigned_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.checkpointSize, t.witness] })],
);

/** Per configured witness: the largest size it has cosigned, and the retry state of the job that asks it. */
export const logWitnessStatus = pgTable('log_witness_status', {
  witness: text('witness').primaryKey(),
  cosignedSize: bigint('cosigned_size', { mode: 'number' }),
  cosignedAt: timestamp('cosigned_at', { withTimezone: true }),
  lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
  /** Why the last request failed, as the witness said it; null after a success. */
  lastError: text('last_error'),
  failures: integer('failures').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
});

export type LogCosignatureRow = typeof logCosignatures.$inferSelect;
export type LogWitnessStatusRow = typeof logWitnessStatus.$inferSelect;
