import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config';
import { LockedOutError } from './lockout';

/**
 * The per-address rate limit of the routes that take a password or a code, and of the public forms that write
 * (sign-up, a reset request, a question asked without an account).
 */
export function perMinuteLimit(config: Config) {
  return { max: config.rateLimit.authPerMinute, timeWindow: '1 minute' };
}

/** The error handler answers a lock-out as any 429; the client also needs to know when to come back. */
export async function retryAfterLockOut(_request: FastifyRequest, reply: FastifyReply, error: Error): Promise<void> {
  if (error instanceof LockedOutError) reply.header('retry-after', String(error.retryAfterSeconds));
}
