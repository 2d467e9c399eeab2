import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import {
  logCheckpoints,
  logEntries,
  logHashes,
  type LogCheckpointRow,
  type LogEntryRow,
} from '../../../db/schema/index';
import type { StoredHash, SubtreeCoordinate } from '../../core/merkle';

const INSERT_CHUNK = 2_000;

/** A key for a stored hash's coordinates in a Map. */
export const coordinateKey = (level: number, index: number) => `${level}/${index}`;

export function createLogRepository(db: Db) {
  return {
    /**
     * Serialises appends across every process sharing the database: held until the transaction ends,
     * so two publications can never take the same index.
     */
    async lockForAppend(): Promise<void> {
      await executor(db).execute(sql`select pg_advisory_xact_lock(7301240519)`);
    },

    async latestCheckpoint(): Promise<LogCheckpointRow | undefined> {
      const [row] = await executor(db).select().from(logCheckpoints).orderBy(desc(logCheckpoints.size)).limit(1);
      return row;
    },

    async checkpoints(options: { before?: number | undefined; limit: number }): Promise<LogCheckpointRow[]> {
      return executor(db)
        .select()
        .from(logCheckpoints)
        .where(options.before === undefined ? undefined : lt(logCheckpoints.size, options.before))
        .orderBy(desc(logCheckpoints.size))
        .limit(options.limit);
    },

    /** The stored hashes at the given coordinates, in one query. */
    async readHashes(coordinates: readonly SubtreeCoordinate[]): Promise<Map<string, Uint8Array>> {
      const found = new Map<string, Uint8Array>();
      if (coordinates.length === 0) return found;
      const wanted = sql.join(
        coordinates.map((c) => sql`(${c.level}::smallint, ${c.index}::bigint)`),
        sql`, `,
      );
      const rows = await executor(db)
        .select()
        .from(logHashes)
        .where(sql`(${logHashes.level}, ${logHashes.idx}) in (${wanted})`);
      for (const row of rows) found.set(coordinateKey(row.level, Number(row.idx)), row.hash);
      return found;
    },

    /** `count` consecutive stored hashes of one level, for serving a tile. */
    async hashRange(level: number, start: number, count: number): Promise<Uint8Array[]> {
      const rows = await executor(db)
        .select({ hash: logHashes.hash })
        .from(logHashes)
        .where(and(eq(logHashes.level, level), gte(logHashes.idx, start), lt(logHashes.idx, start + count)))
        .orderBy(asc(logHashes.idx));
      return rows.map((r) => r.hash);
    },

    async entryRange(start: number, count: number): Promise<LogEntryRow[]> {
      return executor(db)
        .select()
        .from(logEntries)
        .where(and(gte(logEntries.idx, start), lt(logEntries.idx, start + count)))
        .orderBy(asc(logEntries.idx));
    },

    /** Newest first, without the entries' bodies: a listing, not a download. */
    async entrySummaries(options: { before?: number | undefined; type?: string | undefined; limit: number }) {
      return executor(db)
        .select({
          idx: logEntries.idx,
          kind: logEntries.kind,
          publishedAt: logEntries.publishedAt,
          leafHash: logEntries.leafHash,
        })
        .from(logEntries)
        .where(
          and(
            options.before === undefined ? undefined : lt(logEntries.idx, options.before),
            options.type ? eq(logEntries.kind, options.type) : undefined,
          ),
        )
        .orderBy(desc(logEntries.idx))
        .limit(options.limit);
    },

    async entry(index: number): Promise<LogEntryRow | undefined> {
      const [row] = await executor(db).select().from(logEntries).where(eq(logEntries.idx, index));
      return row;
    },

    /** Bulk inserts, chunked to stay well under PostgreSQL's 65,535 bind parameters per statement. */
    async insertEntries(rows: readonly LogEntryRow[], hashes: readonly StoredHash[]): Promise<void> {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await executor(db)
          .insert(logEntries)
          .values(rows.slice(i, i + INSERT_CHUNK));
      }
      for (let i = 0; i < hashes.length; i += INSERT_CHUNK) {
        await executor(db)
          .insert(logHashes)
          .values(hashes.slice(i, i + INSERT_CHUNK).map((h) => ({ level: h.level, idx: h.index, hash: h.hash })));
      }
    },

    async insertCheckpoint(row: LogCheckpointRow): Promise<void> {
      await executor(db).insert(logCheckpoints).values(row);
    },
  };
}

export type LogRepository = ReturnType<typeof createLogRepository>;
