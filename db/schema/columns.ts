import { bigint, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

/** A required reference to another table's row by its uuid id (`… uuid not null references …`). */
export const requiredRef = (name: string, target: () => AnyPgColumn) => uuid(name).notNull().references(target);

/** When a record staff keep (an agency, a round, a sitting, a blueprint, a question) was created and last changed. */
export const editTimes = () => ({
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * Where a row's fact stands in the transparency log: the entry's index and its leaf hash, by which anyone asks for
 * the inclusion proof. For a row written together with its log entry.
 */
export const logReceipt = () => ({
  logIndex: bigint('log_index', { mode: 'number' }).notNull(),
  leafHash: text('leaf_hash').notNull(),
});

/** The log receipt of a row logged later in its life (a round announced, a certificate issued): null until then. */
export const laterLogReceipt = () => ({
  logIndex: bigint('log_index', { mode: 'number' }),
  leafHash: text('leaf_hash'),
});
