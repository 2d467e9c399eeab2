import type { Answer, AttemptItem } from '$lib/api/exam';
import type { UnsentAnswer } from './answer-queue';

/** The file format of unsent answers; the server checks it (server/modules/attempts/unsent-answers.ts). */
export const UNSENT_FORMAT = 'imtahan-unsent-answers/1';

/** One unsent choice as the candidate is told it: the question's number and what they chose. */
export interface UnsentEntry {
  versionId: string;
  number: number;
  seq: number;
  answer: Answer | null;
  flagged: boolean;
  reason: 'pending' | 'conflict';
  /** What was chosen, in the paper's own words: "B) …" per option, or the typed text. */
  shown: string[];
}

export interface UnsentRecord {
  attemptId: string;
  /** The browser's time the list was made (ISO), for the file. */
  recordedAt: string;
  entries: UnsentEntry[];
}

export const unsentKey = (attemptId: string) => `imtahan.unsent.${attemptId}`;

/** The answer in the words the candidate saw: option letters with their text, or the typed text. */
export function describe(item: AttemptItem | undefined, answer: Answer | null): string[] {
  if (!answer) return [];
  if (answer.kind === 'text') return [answer.text];
  if (!item) return answer.optionIds;
  return answer.optionIds.map((id) => {
    const index = item.options.findIndex((o) => o.id === id);
    return index < 0 ? id : `${String.fromCharCode(65 + index)}) ${item.options[index]!.text}`;
  });
}

export function unsentRecord(
  attemptId: string,
  items: readonly AttemptItem[],
  unsent: readonly UnsentAnswer[],
  now: Date,
): UnsentRecord {
  const byId = new Map(items.map((item) => [item.versionId, item]));
  const entries = unsent
    .map((u) => ({
      versionId: u.versionId,
      number: byId.get(u.versionId)?.number ?? 0,
      seq: u.seq,
      answer: u.answer,
      flagged: u.flagged,
      reason: u.reason,
      shown: describe(byId.get(u.versionId), u.answer),
    }))
    .sort((a, b) => a.number - b.number);
  return { attemptId, recordedAt: now.toISOString(), entries };
}

/** Kept in the browser so the result page, a reload or a later visit can still tell and download it. */
export function saveUnsent(attemptId: string, items: readonly AttemptItem[], unsent: readonly UnsentAnswer[]): void {
  try {
    localStorage.setItem(unsentKey(attemptId), JSON.stringify(unsentRecord(attemptId, items, unsent, new Date())));
  } catch {
    // Storage refused: the room still shows the list and offers the file while it is open.
  }
}

export function readUnsent(attemptId: string): UnsentRecord | null {
  try {
    const raw = localStorage.getItem(unsentKey(attemptId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as UnsentRecord;
    return parsed.attemptId === attemptId && Array.isArray(parsed.entries) && parsed.entries.length > 0 ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * The exact text that is signed: the attempt and each unsent answer with its sequence number.
 * The signature is over these bytes as written, so no canonical form is needed to check it.
 */
export function unsentPayload(record: UnsentRecord): string {
  return JSON.stringify({
    format: UNSENT_FORMAT,
    attemptId: record.attemptId,
    recordedAt: record.recordedAt,
    answers: record.entries.map((e) => ({ versionId: e.versionId, seq: e.seq, answer: e.answer, flagged: e.flagged })),
  });
}

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (text: string) => new Uint8Array((text.match(/../g) ?? []).map((h) => parseInt(h, 16)));

/**
 * The file to download: the payload and its HMAC-SHA-256 under the attempt's own key, which the
 * server derived from its paper secret and the attempt id and gave this page. An administrator's
 * check therefore proves the file came from this attempt's room and was not edited.
 */
export async function unsentFile(record: UnsentRecord, keyHex: string): Promise<string> {
  const payload = unsentPayload(record);
  const key = await crypto.subtle.importKey('raw', fromHex(keyHex), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = hex(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(payload)));
  return `${JSON.stringify({ format: UNSENT_FORMAT, attemptId: record.attemptId, payload, mac }, null, 2)}\n`;
}
