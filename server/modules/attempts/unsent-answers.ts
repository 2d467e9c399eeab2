import { createHmac, timingSafeEqual } from 'node:crypto';

/** The file format the exam room downloads (web/src/lib/exam/unsent.ts). */
export const UNSENT_FORMAT = 'imtahan-unsent-answers/1';

/**
 * The per-attempt key that signs a file of unsent answers: derived from the server's paper secret
 * and the attempt id, so it needs no storage, differs for every attempt, and reveals nothing of the
 * secret or of other attempts' keys to the candidate who holds it.
 */
export function unsentAnswersKey(paperSecret: string, attemptId: string): string {
  return createHmac('sha256', paperSecret).update(`unsent-answers\0${attemptId}`).digest('hex');
}

export interface UnsentAnswerEntry {
  versionId: string;
  seq: number;
  answer: unknown;
  flagged: boolean;
}

export type UnsentCheck =
  | { valid: true; attemptId: string; recordedAt: string; answers: UnsentAnswerEntry[] }
  | { valid: false; reason: 'malformed' | 'other-attempt' | 'bad-signature' };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks a downloaded file against the attempt it claims: the format, the attempt id inside the
 * signed payload, and the HMAC over the payload's exact bytes (compared in constant time).
 */
export function checkUnsentFile(text: string, attemptId: string, key: string): UnsentCheck {
  let file: unknown;
  let payload: unknown;
  try {
    file = JSON.parse(text);
    if (!isRecord(file) || file.format !== UNSENT_FORMAT || typeof file.payload !== 'string') throw new Error();
    payload = JSON.parse(file.payload);
  } catch {
    return { valid: false, reason: 'malformed' };
  }
  if (!isRecord(payload) || !Array.isArray(payload.answers) || typeof file.mac !== 'string')
    return { valid: false, reason: 'malformed' };
  if (payload.attemptId !== attemptId) return { valid: false, reason: 'other-attempt' };
  const expected = createHmac('sha256', Buffer.from(key, 'hex'))
    .update(file.payload as string)
    .digest();
  const given = Buffer.from(file.mac, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { valid: false, reason: 'bad-signature' };
  const answers = payload.answers.filter(
    (a): a is UnsentAnswerEntry =>
      isRecord(a) && typeof a.versionId === 'string' && Number.isSafeInteger(a.seq) && typeof a.flagged === 'boolean',
  );
  return { valid: true, attemptId, recordedAt: String(payload.recordedAt ?? ''), answers };
}
