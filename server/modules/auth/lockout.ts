/** How many failures a subject may have before it is locked out, and for how long. */
export interface LockoutPolicy {
  /** Failures allowed before the first lock-out. */
  threshold: number;
  /** The first lock-out; each further failure doubles it. */
  baseMs: number;
  /** The longest lock-out: long enough to make guessing hopeless, short enough that a stranger cannot shut an owner out for days. */
  maxMs: number;
  /** Failures older than this (with no attempt since) are forgotten. */
  forgetAfterMs: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Wrong passwords for one account (or one login no account has, so that the answers look alike). */
export const SIGN_IN_PER_ACCOUNT: LockoutPolicy = {
  threshold: 5,
  baseMs: MINUTE,
  maxMs: 60 * MINUTE,
  forgetAfterMs: DAY,
};
/** Wrong TOTP codes for one account. */
export const TWO_FACTOR_PER_ACCOUNT: LockoutPolicy = {
  threshold: 5,
  baseMs: MINUTE,
  maxMs: 60 * MINUTE,
  forgetAfterMs: DAY,
};
/**
 * Wrong TOTP codes from one address, across accounts. Higher than per account: an exam centre's staff
 * share one address, and each of their accounts is limited on its own anyway.
 */
export const TWO_FACTOR_PER_ADDRESS: LockoutPolicy = {
  threshold: 20,
  baseMs: MINUTE,
  maxMs: 60 * MINUTE,
  forgetAfterMs: DAY,
};

/** The lock-out after `failures` consecutive failures: none below the threshold, then doubling up to the cap. */
export function lockoutMs(failures: number, policy: LockoutPolicy): number {
  if (failures < policy.threshold) return 0;
  return Math.min(policy.baseMs * 2 ** (failures - policy.threshold), policy.maxMs);
}

/**
 * Refused because of earlier failures. Answered as 429 with a Retry-After and the same wording whether or
 * not an account exists, since unknown logins are counted and locked out just like real ones.
 * Not a DomainError on purpose: like the per-address rate limit it is an HTTP 429, which the error
 * handler passes through with its code.
 */
export class LockedOutError extends Error {
  readonly statusCode = 429;
  constructor(
    readonly code: 'SIGN_IN_LOCKED' | 'TWO_FACTOR_LOCKED',
    readonly retryAfterSeconds: number,
  ) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      `Too many failed attempts. For safety, this is paused: try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    );
  }
}
