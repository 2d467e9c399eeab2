import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAIL_MAX_ATTEMPTS, nextAttemptAt } from './backoff';

const at = new Date('2026-12-06T10:00:00Z');
const delayMinutes = (attempts: number) => (nextAttemptAt(attempts, at)!.getTime() - at.getTime()) / 60_000;

describe('mail retry backoff', () => {
  it('waits a minute after the first failure, then doubles', () => {
    expect([1, 2, 3, 4].map(delayMinutes)).toEqual([1, 2, 4, 8]);
  });

  it('never waits more than six hours, and gives up after the last try', () => {
    expect(delayMinutes(MAIL_MAX_ATTEMPTS - 1)).toBe(256);
    expect(nextAttemptAt(MAIL_MAX_ATTEMPTS, at)).toBeNull();
  });

  it('never waits less after more failures, and always waits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAIL_MAX_ATTEMPTS - 2 }), (n) => {
        expect(delayMinutes(n)).toBeGreaterThan(0);
        expect(delayMinutes(n + 1)).toBeGreaterThanOrEqual(delayMinutes(n));
        expect(delayMinutes(n + 1)).toBeLessThanOrEqual(360);
      }),
    );
  });
});
