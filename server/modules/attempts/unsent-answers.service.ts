import { NotFoundError } from '../../errors';
import { checkUnsentFile, unsentAnswersKey } from './unsent-answers';
import type { UnsentAnswersRepository } from './unsent-answers.repository';

/**
 * Unsent answers (issue 13): the candidate's room signs what did not reach the server with a key
 * bound to the attempt; an administrator checks such a file against the attempt and what it holds.
 */
export function createUnsentAnswersService(deps: {
  repository: UnsentAnswersRepository;
  paperSecret: () => Promise<string>;
  /** The attempt's stored answers under the labels its candidate saw, to compare with the file's. */
  storedAsShown: (attemptId: string) => Promise<Map<string, unknown>>;
}) {
  const { repository, paperSecret, storedAsShown } = deps;
  return {
    /** The candidate's own attempt's key, for the room to sign a file with if answers stay unsent. */
    async key(userId: string, attemptId: string) {
      const own = await repository.ownAttempt(userId, attemptId);
      if (!own) throw new NotFoundError('No such attempt.');
      return { attemptId, signingKey: unsentAnswersKey(await paperSecret(), attemptId) };
    },

    /** Checks a file for an attempt and sets each answer in it beside what the server holds. */
    async inspect(attemptId: string, file: string) {
      const attempt = await repository.attempt(attemptId);
      if (!attempt) throw new NotFoundError('No such attempt.');
      const checked = checkUnsentFile(file, attemptId, unsentAnswersKey(await paperSecret(), attemptId));
      if (!checked.valid) return { valid: false, reason: checked.reason, recordedAt: null, answers: [] };
      const held = new Map((await repository.answers(attemptId)).map((a) => [a.versionId, a]));
      const shown = await storedAsShown(attemptId);
      return {
        valid: true,
        reason: null,
        recordedAt: checked.recordedAt,
        answers: checked.answers.map((entry) => {
          const stored = held.get(entry.versionId);
          return {
            versionId: entry.versionId,
            number: attempt.versionIds.indexOf(entry.versionId) + 1,
            onPaper: attempt.versionIds.includes(entry.versionId),
            seq: entry.seq,
            answer: entry.answer,
            flagged: entry.flagged,
            stored: stored
              ? { answer: shown.get(entry.versionId) ?? null, flagged: stored.flagged, seq: stored.seq }
              : null,
          };
        }),
      };
    },
  };
}

export type UnsentAnswersService = ReturnType<typeof createUnsentAnswersService>;
