import { afterAll, describe, expect, it, vi } from 'vitest';

// Argon2 replaced by work that takes a while and counts how many run at once. Unit files share their worker's
// modules (vitest.config.ts), so the stand-in is put in place and taken away again with the module cache cleared
// on both sides: `./password` loaded by another file with the real Argon2 must not be reused here, nor this one's
// left for the files after it.
const counted = { now: 0, most: 0, calls: 0 };
vi.resetModules();
vi.doMock('@node-rs/argon2', () => {
  const slow = async <T>(value: T): Promise<T> => {
    counted.calls++;
    counted.most = Math.max(counted.most, ++counted.now);
    await new Promise((resolve) => setTimeout(resolve, 5));
    counted.now--;
    return value;
  };
  return {
    hash: (password: string) => slow(`hashed:${password}`),
    verify: (hashed: string, password: string) => slow(hashed === `hashed:${password}`),
  };
});
afterAll(() => {
  vi.doUnmock('@node-rs/argon2');
  vi.resetModules();
});

const { HASHES_AT_ONCE, hashPassword, verifyAgainstNothing, verifyPassword } = await import('./password');

describe('password hashing under a burst of sign-ins', () => {
  it('runs no more than HASHES_AT_ONCE hashes at once, and answers every sign-in', async () => {
    const hashed = await hashPassword('correct horse battery');
    counted.most = 0;
    counted.calls = 0;
    const answers = await Promise.all([
      ...Array.from({ length: 20 }, () => verifyPassword(hashed, 'correct horse battery')),
      ...Array.from({ length: 10 }, () => verifyPassword(hashed, 'wrong')),
      ...Array.from({ length: 10 }, () => verifyAgainstNothing('anything')),
    ]);
    expect(answers.filter((a) => a === true)).toHaveLength(20);
    expect(answers.filter((a) => a === false)).toHaveLength(20);
    expect(counted.calls).toBeGreaterThanOrEqual(40);
    expect(counted.most).toBe(HASHES_AT_ONCE);
    expect(HASHES_AT_ONCE).toBeLessThanOrEqual(3);
  });
});
