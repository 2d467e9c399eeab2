/** Tries a mail gets before the sender gives up on it (about nine hours with the delays below). */
export const MAIL_MAX_ATTEMPTS = 10;
const FIRST_DELAY_MS = 60_000;
const LONGEST_DELAY_MS = 6 * 60 * 60_000;

/**
 * When to try a mail again after its `attempts`-th try failed: a minute, then twice as long each time up
 * to six hours, so a mail server that is down for a while is not hammered; null once the tries are spent.
 */
export function nextAttemptAt(attempts: number, failedAt: Date): Date | null {
  if (attempts >= MAIL_MAX_ATTEMPTS) return null;
  const delay = Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_DELAY_MS);
  return new Date(failedAt.getTime() + delay);
}
