import type { Config } from '../../server/config';
import { hashSecret, randomToken } from '../../server/modules/auth/session-token';
import type { TestApp } from '../helpers/app';

/**
 * Opens a session for an existing user straight in the database, as sign-in would, and returns
 * its Cookie header. Cheap (no password hashing), so a test can spend a fresh session per request.
 */
export async function openSession(
  t: TestApp,
  userId: string,
  options: { twoFactorVerified?: boolean; createdAt?: Date } = {},
): Promise<string> {
  const id = randomToken();
  const secret = randomToken();
  const now = options.createdAt ?? t.clock.read();
  await t.services.repositories.sessions.insert({
    id,
    secretHash: hashSecret(secret),
    userId,
    createdAt: now,
    lastVerifiedAt: now,
    twoFactorVerified: options.twoFactorVerified ?? true,
  });
  return cookieFor(t.config, `${id}.${secret}`);
}

export function cookieFor(config: Config, token: string): string {
  return `${config.session.cookieName}=${token}`;
}
