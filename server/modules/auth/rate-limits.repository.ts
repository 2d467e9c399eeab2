import { lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { rateLimitHits } from '../../../db/schema/index';

// Spelled out so that the ON CONFLICT clause reads the stored row, never the proposed one.
const storedHits = sql`"rate_limit_hits"."hits"`;
const storedResetsAt = sql`"rate_limit_hits"."resets_at"`;

/** Fixed-window request counters shared by every server process on the database. */
export function createRateLimitsRepository(db: Db) {
  return {
    /**
     * Counts one request under `key` and returns the count in the current window and when it ends. One
     * statement: concurrent requests, in any process, are serialised by the row lock, so none is missed.
     */
    async hit(key: string, now: Date, windowMs: number): Promise<{ hits: number; resetsAt: Date }> {
      const at = sql`${now.toISOString()}::timestamptz`;
      const resetsAt = new Date(now.getTime() + windowMs);
      const over = sql`${storedResetsAt} <= ${at}`;
      const [row] = await executor(db)
        .insert(rateLimitHits)
        .values({ key, hits: 1, resetsAt })
        .onConflictDoUpdate({
          target: rateLimitHits.key,
          set: {
            hits: sql`case when ${over} then 1 else ${storedHits} + 1 end`,
            resetsAt: sql`case when ${over} then ${resetsAt.toISOString()}::timestamptz else ${storedResetsAt} end`,
          },
        })
        .returning({ hits: rateLimitHits.hits, resetsAt: rateLimitHits.resetsAt });
      return row!;
    },

    /** Forgets windows that ended before `now`: housekeeping, so addresses seen once do not pile up. */
    async purge(now: Date): Promise<number> {
      const gone = await executor(db)
        .delete(rateLimitHits)
        .where(lt(rateLimitHits.resetsAt, now))
        .returning({ key: rateLimitHits.key });
      return gone.length;
    },
  };
}

export type RateLimitsRepository = ReturnType<typeof createRateLimitsRepository>;
