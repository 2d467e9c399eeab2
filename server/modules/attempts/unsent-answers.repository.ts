import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import { attemptAnswers, attempts } from '../../../db/schema/index';

/** The few reads the unsent-answers routes need: an attempt's owner and its stored answers. */
export function createUnsentAnswersRepository(db: Db) {
  return {
    async ownAttempt(userId: string, attemptId: string) {
      const [row] = await executor(db)
        .select({ id: attempts.id, status: attempts.status })
        .from(attempts)
        .where(and(eq(attempts.id, attemptId), eq(attempts.userId, userId)));
      return row;
    },

    async attempt(attemptId: string) {
      const [row] = await executor(db)
        .select({ id: attempts.id, status: attempts.status, versionIds: attempts.versionIds })
        .from(attempts)
        .where(eq(attempts.id, attemptId));
      return row;
    },

    async answers(attemptId: string) {
      return executor(db)
        .select({
          versionId: attemptAnswers.versionId,
          answer: attemptAnswers.answer,
          flagged: attemptAnswers.flagged,
          seq: attemptAnswers.seq,
        })
        .from(attemptAnswers)
        .where(eq(attemptAnswers.attemptId, attemptId));
    },
  };
}

export type UnsentAnswersRepository = ReturnType<typeof createUnsentAnswersRepository>;
