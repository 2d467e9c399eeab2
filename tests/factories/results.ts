import { expect } from 'vitest';
import { leafHash, verifyInclusion } from '../../server/core/merkle';
import type { AdminResultsResponse, SittingResultsResponse } from '../../server/modules/results/results.schemas';
import { request, type TestApp } from '../helpers/app';
import { MINUTE } from '../helpers/exam';
import { okBody, postAs } from './calls';
import { openSession } from './sessions';
import {
  atStart,
  readySitting,
  sit,
  start,
  type Candidate,
  type ExamBank,
  type Person,
  type SittingView,
} from './sittings';

export type { AdminResultsResponse, SittingResultsResponse };

/**
 * What one candidate does in a finished sitting: answer the first `correct` items of their paper right
 * and the rest wrong, then submit (or, with `submit: false`, leave it for publication to finalise);
 * or never start; or start and be annulled.
 */
export type Plan = { correct: number; submit?: boolean } | 'absent' | 'annulled';

export interface FinishedSitting {
  sitting: SittingView;
  candidates: (Candidate & { plan: Plan })[];
}

/**
 * A sitting sat according to `plans`, one new applicant per plan (or the `people` given), on the
 * exam bank's 4-item papers. The clock is left `after` ms past the sitting's end (a minute by default).
 */
export async function finishedSitting(
  t: TestApp,
  admin: Person,
  bank: ExamBank,
  plans: Plan[],
  options: { people?: Person[]; after?: number; categoryCode?: string } = {},
): Promise<FinishedSitting> {
  const { sitting, candidates } = await readySitting(t, admin, bank, {
    ...(options.people ? { people: options.people } : { candidates: plans.length }),
    ...(options.categoryCode ? { overrides: { categoryCode: options.categoryCode } } : {}),
  });
  atStart(t, sitting, MINUTE);
  for (const [i, candidate] of candidates.entries()) {
    const plan = plans[i]!;
    if (plan === 'absent') continue;
    await start(t, candidate);
    if (plan === 'annulled') {
      const reason = 'Telefondan istifadə / phone use';
      okBody(await postAs(t, admin, `/api/admin/attempts/${candidate.attemptId}/annul`, { reason }), 200, 'annul');
      continue;
    }
    await sit(t, candidate, bank, (q, index) => (index < plan.correct ? q.correct : q.wrong), plan.submit !== false);
  }
  t.clock.set(new Date(new Date(sitting.endsAt).getTime() + (options.after ?? MINUTE)));
  return { sitting, candidates: candidates.map((c, i) => ({ ...c, plan: plans[i]! })) };
}

/** The same person signed in afresh at the test clock's now, after a jump longer than a session lasts. */
export async function signedInAgain<P extends Person>(t: TestApp, who: P): Promise<P> {
  return { ...who, cookie: await openSession(t, who.id, { twoFactorVerified: true }) };
}

/**
 * A test's cast signed in afresh after a jump of the clock (see signedInAgain): each name keeps its person or its
 * list of persons, signed in one after another in the order given.
 */
export async function allSignedInAgain<C extends Record<string, Person | Person[]>>(t: TestApp, cast: C): Promise<C> {
  const again: Record<string, Person | Person[]> = {};
  for (const [name, who] of Object.entries(cast))
    again[name] = Array.isArray(who)
      ? await Promise.all(who.map((p) => signedInAgain(t, p)))
      : await signedInAgain(t, who);
  return again as C;
}

export function publishRequest(t: TestApp, admin: Person, sittingId: string) {
  return request(t.app, {
    method: 'POST',
    url: `/api/admin/sittings/${sittingId}/publish-results`,
    cookie: admin.cookie,
    payload: {},
  });
}

export async function publishResults(t: TestApp, admin: Person, sittingId: string): Promise<AdminResultsResponse> {
  const response = await publishRequest(t, admin, sittingId);
  if (response.statusCode !== 200) throw new Error(`publish failed: ${response.statusCode} ${response.body}`);
  return response.json<AdminResultsResponse>();
}

export async function publicResults(t: TestApp, sittingId: string): Promise<SittingResultsResponse> {
  const response = await request(t.app, { method: 'GET', url: `/api/results/${sittingId}` });
  if (response.statusCode !== 200) throw new Error(`public results: ${response.statusCode} ${response.body}`);
  return response.json<SittingResultsResponse>();
}

/**
 * The log entry at `logIndex`, checked as anyone could: its leaf hash is the receipt's, and its
 * inclusion proof leads to the latest checkpoint's root.
 */
export async function verifiedEntry(
  t: TestApp,
  receipt: { logIndex: number; leafHash: string },
): Promise<Record<string, unknown> & { type: string }> {
  const response = await request(t.app, { method: 'GET', url: `/api/log/entries/${receipt.logIndex}` });
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json<{
    entryText: string;
    leafHash: string;
    inclusionProof: string[];
    checkpoint: { size: number; rootHash: string };
  }>();
  const bytes = (b64: string) => Uint8Array.from(Buffer.from(b64, 'base64'));
  const leaf = leafHash(Buffer.from(body.entryText, 'utf8'));
  expect(Buffer.from(leaf).toString('base64')).toBe(receipt.leafHash);
  expect(body.leafHash).toBe(receipt.leafHash);
  expect(
    verifyInclusion(
      leaf,
      receipt.logIndex,
      body.checkpoint.size,
      body.inclusionProof.map(bytes),
      bytes(body.checkpoint.rootHash),
    ),
  ).toBe(true);
  return JSON.parse(body.entryText) as Record<string, unknown> & { type: string };
}
