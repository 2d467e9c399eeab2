import { afterAll, beforeAll } from 'vitest';
import { mailApp, type MailApp } from '../factories/mail';

/**
 * One test file's mail app (`mailApp`: the app with `env`, sending to a test SMTP server), opened before the file's
 * tests and closed after them, as `examSuite` does for the exam app; `receive` hands its parts to the file's own
 * variables. A `beforeAll` the file declares after this runs once the app is up.
 */
export function mailSuite(env: Record<string, string>, receive: (suite: Omit<MailApp, 'close'>) => void): void {
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const suite = await mailApp(env);
    close = suite.close;
    receive(suite);
  });
  // A set-up that failed has nothing to close, and its own error is the one worth reading.
  afterAll(() => close?.());
}
