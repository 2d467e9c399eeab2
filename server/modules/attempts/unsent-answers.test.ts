import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkUnsentFile, UNSENT_FORMAT, unsentAnswersKey } from './unsent-answers';

const ATTEMPT = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';

function file(attemptId: string, key: string, edit: (payload: string) => string = (p) => p): string {
  const payload = JSON.stringify({
    format: UNSENT_FORMAT,
    attemptId,
    recordedAt: '2026-11-23T10:00:21.000Z',
    answers: [{ versionId: 'v1', seq: 3, answer: { kind: 'choice', optionIds: ['q7'] }, flagged: false }],
  });
  const mac = createHmac('sha256', Buffer.from(key, 'hex')).update(payload).digest('hex');
  return JSON.stringify({ format: UNSENT_FORMAT, attemptId, payload: edit(payload), mac });
}

describe('unsent answers files', () => {
  const key = unsentAnswersKey('paper-secret', ATTEMPT);

  it('derives a different key per attempt and per secret', () => {
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(unsentAnswersKey('paper-secret', OTHER)).not.toBe(key);
    expect(unsentAnswersKey('another-secret', ATTEMPT)).not.toBe(key);
  });

  it('accepts a file signed with the attempt’s key', () => {
    const checked = checkUnsentFile(file(ATTEMPT, key), ATTEMPT, key);
    expect(checked).toMatchObject({ valid: true, answers: [{ versionId: 'v1', seq: 3 }] });
  });

  it('refuses an edited file, another attempt’s file and rubbish', () => {
    expect(
      checkUnsentFile(
        file(ATTEMPT, key, (p) => p.replace('q7', 'q8')),
        ATTEMPT,
        key,
      ),
    ).toEqual({
      valid: false,
      reason: 'bad-signature',
    });
    const otherKey = unsentAnswersKey('paper-secret', OTHER);
    expect(checkUnsentFile(file(OTHER, otherKey), ATTEMPT, key)).toEqual({ valid: false, reason: 'other-attempt' });
    expect(checkUnsentFile(file(ATTEMPT, otherKey), ATTEMPT, key)).toEqual({ valid: false, reason: 'bad-signature' });
    expect(checkUnsentFile('{', ATTEMPT, key)).toEqual({ valid: false, reason: 'malformed' });
  });
});
