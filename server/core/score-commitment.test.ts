import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commitmentPayload, scoreCommitment, verifyCommitment } from './score-commitment';

const RUNS = { numRuns: 300 };
const saltArb = fc.stringMatching(/^[0-9a-f]{32}$/);
const scoresArb = fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/), fc.integer({ min: 0, max: 20 }), {
  minKeys: 1,
  maxKeys: 6,
});

describe('score commitments', () => {
  it('hashes the canonical JSON of the salt and the scores', () => {
    const salt = '00112233445566778899aabbccddeeff';
    const payload = commitmentPayload({ motivation: 7, knowledge: 9 }, salt);
    expect(payload).toBe('{"salt":"00112233445566778899aabbccddeeff","scores":{"knowledge":9,"motivation":7}}');
    expect(scoreCommitment({ motivation: 7, knowledge: 9 }, salt)).toBe(
      createHash('sha256').update(payload).digest('hex'),
    );
  });

  it('does not depend on the order the criteria came in', () => {
    fc.assert(
      fc.property(scoresArb, saltArb, (scores, salt) => {
        const reversed = Object.fromEntries(Object.entries(scores).reverse());
        expect(scoreCommitment(reversed, salt)).toBe(scoreCommitment(scores, salt));
      }),
      RUNS,
    );
  });

  it('verifies the revealed scores and salt, and nothing else', () => {
    fc.assert(
      fc.property(scoresArb, saltArb, saltArb, (scores, salt, otherSalt) => {
        const commitment = scoreCommitment(scores, salt);
        expect(verifyCommitment(commitment, scores, salt)).toBe(true);
        if (otherSalt !== salt) expect(verifyCommitment(commitment, scores, otherSalt)).toBe(false);
        const [key] = Object.keys(scores);
        expect(verifyCommitment(commitment, { ...scores, [key!]: scores[key!]! + 1 }, salt)).toBe(false);
        expect(verifyCommitment(commitment, { ...scores, extra: 0 }, salt)).toBe(false);
      }),
      RUNS,
    );
  });

  it('refuses a malformed commitment rather than throwing', () => {
    expect(verifyCommitment('not-hex', { a: 1 }, 'salt')).toBe(false);
    expect(verifyCommitment('ab'.repeat(32), { a: Number.NaN }, 'salt')).toBe(false);
  });

  it('gives different commitments for different salts, so equal scores cannot be told apart', () => {
    expect(scoreCommitment({ a: 5 }, '0'.repeat(32))).not.toBe(scoreCommitment({ a: 5 }, '1'.repeat(32)));
  });
});
