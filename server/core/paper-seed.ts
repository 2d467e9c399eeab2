import { createHmac } from 'node:crypto';

/**
 * The seed a paper is drawn from (DESIGN.md rule 4): HMAC-SHA-256 of the attempt id under the
 * server's paper secret. Unpredictable without the secret, so nobody can draw a candidate's paper
 * ahead of time; reproducible with it, so the stored paper can always be drawn again and checked.
 */
export function paperSeed(secret: string, attemptId: string): string {
  return createHmac('sha256', secret).update(`imtahan/paper/v1\n${attemptId}`).digest('hex');
}
