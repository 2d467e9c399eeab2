import { and, eq, gt, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { authNotices, authThrottles, type AuthNotice, type AuthThrottleKind } from '../../../db/schema/index';
import type { LockoutPolicy } from './lockout';

export interface ThrottleSubject {
  kind: AuthThrottleKind;
  subject: string;
  /** The account, when the subject is one; null for unknown logins and addresses. */
  userId: string | null;
  policy: LockoutPolicy;
}

export interface Unreported {
  kind: AuthThrottleKind;
  unreported: number;
  lockoutUnreported: boolean;
}

// Spelled out so that the ON CONFLICT clause reads the stored row, never the proposed one.
const failures = sql`"auth_throttles"."failures"`;
const lastAttemptAt = sql`"auth_throttles"."last_attempt_at"`;
const lockedUntil = sql`"auth_throttles"."locked_until"`;

export function createThrottlesRepository(db: Db) {
  return {
    /**
     * Counts an attempt before its secret is checked, and reports whether the subject is locked out.
     * One statement, so concurrent guesses are serialised by the row lock: the attempt that reaches the
     * threshold sets the lock-out in the same write, and no parallel burst slips in before it.
     * A locked-out subject's attempt is not counted. The lock-out is `lockoutMs` in SQL.
     */
    async beginAttempt(subject: ThrottleSubject, now: Date): Promise<{ lockedUntil: Date | null }> {
      const { threshold, baseMs, maxMs, forgetAfterMs } = subject.policy;
      const at = now.toISOString();
      const forgetBefore = new Date(now.getTime() - forgetAfterMs).toISOString();
      const next = sql`(case when ${lastAttemptAt} <= ${forgetBefore}::timestamptz then 1 else ${failures} + 1 end)`;
      const rows = await executor(db)
        .insert(authThrottles)
        .values({
          kind: subject.kind,
          subject: subject.subject,
          userId: subject.userId,
          failures: 1,
          lastAttemptAt: now,
          lockedUntil: threshold <= 1 ? new Date(now.getTime() + baseMs) : null,
        })
        .onConflictDoUpdate({
          target: [authThrottles.kind, authThrottles.subject],
          set: {
            failures: next,
            lastAttemptAt: now,
            lockedUntil: sql`case when ${next} >= ${threshold} then ${at}::timestamptz
              + least(${baseMs}::float8 * power(2::float8, ${next} - ${threshold}), ${maxMs}::float8) * interval '1 millisecond'
              else null end`,
          },
          setWhere: sql`${lockedUntil} is null or ${lockedUntil} <= ${at}::timestamptz`,
        })
        .returning({ failures: authThrottles.failures });
      if (rows.length) return { lockedUntil: null };
      const [row] = await executor(db)
        .select({ lockedUntil: authThrottles.lockedUntil })
        .from(authThrottles)
        .where(and(eq(authThrottles.kind, subject.kind), eq(authThrottles.subject, subject.subject)));
      return { lockedUntil: row?.lockedUntil ?? now };
    },

    /** The latest lock-out in force on any of the subjects, read only: to refuse without counting anything. */
    async lockedUntil(subjects: ThrottleSubject[], now: Date): Promise<Date | null> {
      if (!subjects.length) return null;
      const rows = await executor(db)
        .select({ lockedUntil: authThrottles.lockedUntil })
        .from(authThrottles)
        .where(
          and(
            or(...subjects.map((s) => and(eq(authThrottles.kind, s.kind), eq(authThrottles.subject, s.subject)))),
            gt(authThrottles.lockedUntil, now),
          ),
        );
      const times = rows.map((row) => row.lockedUntil!.getTime());
      return times.length ? new Date(Math.max(...times)) : null;
    },

    /** The attempt failed: the holder is to be told. Returns the lock-out it started, if any. */
    async recordFailure(subject: ThrottleSubject, now: Date): Promise<{ failures: number; lockedUntil: Date | null }> {
      const [row] = await executor(db)
        .update(authThrottles)
        .set({
          unreported: sql`${authThrottles.unreported} + 1`,
          lockoutUnreported: sql`${authThrottles.lockoutUnreported} or coalesce(${authThrottles.lockedUntil} > ${now.toISOString()}::timestamptz, false)`,
        })
        .where(and(eq(authThrottles.kind, subject.kind), eq(authThrottles.subject, subject.subject)))
        .returning({ failures: authThrottles.failures, lockedUntil: authThrottles.lockedUntil });
      const locked = row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
      return { failures: row?.failures ?? 0, lockedUntil: locked };
    },

    /** The secret was right: the streak ends. What the holder has not been told about stays until told. */
    async recordSuccess(subject: ThrottleSubject): Promise<void> {
      const key = and(eq(authThrottles.kind, subject.kind), eq(authThrottles.subject, subject.subject));
      await executor(db)
        .delete(authThrottles)
        .where(and(key, eq(authThrottles.unreported, 0), eq(authThrottles.lockoutUnreported, false)));
      await executor(db).update(authThrottles).set({ failures: 0, lockedUntil: null }).where(key);
    },

    /** Takes what the account holder has not been told yet, marking it told. */
    async takeUnreported(userId: string): Promise<Unreported[]> {
      const mine = and(
        eq(authThrottles.userId, userId),
        or(gt(authThrottles.unreported, 0), eq(authThrottles.lockoutUnreported, true)),
      );
      const rows = await executor(db)
        .select({
          kind: authThrottles.kind,
          unreported: authThrottles.unreported,
          lockoutUnreported: authThrottles.lockoutUnreported,
        })
        .from(authThrottles)
        .where(mine)
        .for('update');
      if (!rows.length) return [];
      await executor(db).update(authThrottles).set({ unreported: 0, lockoutUnreported: false }).where(mine);
      // A row with nothing left to tell and no streak to remember is only clutter.
      await executor(db)
        .delete(authThrottles)
        .where(and(eq(authThrottles.userId, userId), eq(authThrottles.failures, 0), eq(authThrottles.unreported, 0)));
      return rows;
    },

    async insertNotice(notice: AuthNotice): Promise<void> {
      await executor(db).insert(authNotices).values(notice);
    },

    async findNotice(sessionId: string): Promise<AuthNotice | undefined> {
      const [row] = await executor(db).select().from(authNotices).where(eq(authNotices.sessionId, sessionId));
      return row;
    },
  };
}

export type ThrottlesRepository = ReturnType<typeof createThrottlesRepository>;
