import { and, count, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { passwordResets, users, type PasswordReset, type User } from '../../../db/schema/index';

export function createPasswordResetsRepository(db: Db) {
  return {
    async insert(reset: PasswordReset): Promise<void> {
      await executor(db).insert(passwordResets).values(reset);
    },

    /** The link's unused, unexpired reset with its account, if it still works at `now`. */
    async findUsable(tokenHash: Uint8Array, now: Date): Promise<{ reset: PasswordReset; user: User } | undefined> {
      const [row] = await executor(db)
        .select({ reset: passwordResets, user: users })
        .from(passwordResets)
        .innerJoin(users, eq(users.id, passwordResets.userId))
        .where(
          and(
            eq(passwordResets.tokenHash, tokenHash),
            isNull(passwordResets.usedAt),
            gt(passwordResets.expiresAt, now),
          ),
        );
      return row;
    },

    /**
     * Uses the link: one conditional update, so of two requests racing with one link exactly one gets the
     * account back (the other waits for the row, then finds it used).
     */
    async consume(tokenHash: Uint8Array, now: Date): Promise<string | undefined> {
      const [row] = await executor(db)
        .update(passwordResets)
        .set({ usedAt: now })
        .where(
          and(
            eq(passwordResets.tokenHash, tokenHash),
            isNull(passwordResets.usedAt),
            gt(passwordResets.expiresAt, now),
          ),
        )
        .returning({ userId: passwordResets.userId });
      return row?.userId;
    },

    /** Ends the account's other links, once one of them (or a new password) has done the job. */
    async retireAll(userId: string, now: Date): Promise<void> {
      await executor(db)
        .update(passwordResets)
        .set({ usedAt: now })
        .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
    },

    /** Links asked for this account since `since`: the per-account limit on reset mails. */
    async countSince(userId: string, since: Date): Promise<number> {
      const [row] = await executor(db)
        .select({ n: count() })
        .from(passwordResets)
        .where(and(eq(passwordResets.userId, userId), gt(passwordResets.createdAt, since)));
      return row?.n ?? 0;
    },
  };
}

export type PasswordResetsRepository = ReturnType<typeof createPasswordResetsRepository>;
