import { describe, expect, it } from 'vitest';
import { lockoutMs, SIGN_IN_PER_ACCOUNT, TWO_FACTOR_PER_ADDRESS, type LockoutPolicy } from './lockout';

const policy: LockoutPolicy = { threshold: 5, baseMs: 60_000, maxMs: 3_600_000, forgetAfterMs: 86_400_000 };

describe('lockoutMs', () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 60_000],
    [6, 120_000],
    [7, 240_000],
    [10, 1_920_000],
    [11, 3_600_000],
    [1000, 3_600_000],
  ])('after %i failures locks for %i ms', (failures, expected) => {
    expect(lockoutMs(failures, policy)).toBe(expected);
  });

  it('never shrinks as failures grow', () => {
    for (const p of [SIGN_IN_PER_ACCOUNT, TWO_FACTOR_PER_ADDRESS]) {
      let last = 0;
      for (let failures = 0; failures < 100; failures += 1) {
        const ms = lockoutMs(failures, p);
        expect(ms).toBeGreaterThanOrEqual(last);
        last = ms;
      }
      expect(last).toBe(p.maxMs);
    }
  });
});
