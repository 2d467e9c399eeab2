import { bigint, index, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from './types';

/**
 * The transparency log's entries, numbered from 0 without gaps. An entry is the canonical JSON
 * (RFC 8785) of one publication event. Triggers refuse UPDATE, DELETE and TRUNCATE.
 */
export const logEntries = pgTable(
  'log_entries',
  {
    idx: bigint('idx', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    entry: bytea('entry').notNull(),
    leafHash: bytea('leaf_hash').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('log_entries_kind_idx').on(t.kind, t.idx)],
);

/**
 * Hashes of complete subtrees: level 0 holds leaf hashes, and hash `idx` at level L covers leaves
 * [idx·2^L, (idx+1)·2^L). They never change once written, so tiles and proofs are read straight from here.
 */
export const logHashes = pgTable(
  'log_hashes',
  {
    level: smallint('level').notNull(),
    idx: bigint('idx', { mode: 'number' }).notNull(),
    hash: bytea('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.idx] })],
);

/** Every checkpoint ever signed, kept so that anyone can check that none contradicts another. */
export const logCheckpoints = pgTable('log_checkpoints', {
  size: bigint('size', { mode: 'number' }).primaryKey(),
  rootHash: bytea('root_hash').notNull(),
  /** The signed note exactly as served at /log/checkpoint. */
  note: text('note').notNull(),
  signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
});

export type LogEntryRow = typeof logEntries.$inferSelect;
export type LogCheckpointRow = typeof logCheckpoints.$inferSelect;
