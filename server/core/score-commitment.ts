import { createHash, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** One panel member's scores for one candidate, per rubric criterion key. */
export type CriterionScores = Readonly<Record<string, number>>;

/** A salt as the service draws it: 32 lower-case hex digits (128 random bits). */
export const SALT_PATTERN = /^[0-9a-f]{32}$/;

/**
 * The bytes a commitment hashes: the canonical JSON (RFC 8785) of `{ salt, scores }`. Anyone holding
 * the revealed scores and salt rebuilds exactly these bytes, whatever order the criteria came in.
 */
export function commitmentPayload(scores: CriterionScores, salt: string): string {
  return canonicalJson({ salt, scores });
}

/**
 * The published commitment to a member's scores: hex SHA-256 of the payload. The random salt keeps
 * the scores from being guessed from the hash (a rubric has few possible score sets) until it is revealed.
 */
export function scoreCommitment(scores: CriterionScores, salt: string): string {
  return createHash('sha256').update(commitmentPayload(scores, salt), 'utf8').digest('hex');
}

/** Whether the revealed scores and salt are what was committed to. */
export function verifyCommitment(commitment: string, scores: CriterionScores, salt: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(commitment)) return false;
  let expected: string;
  try {
    expected = scoreCommitment(scores, salt);
  } catch {
    return false;
  }
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(commitment, 'hex'));
}
