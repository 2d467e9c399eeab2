import { eq, sql } from 'drizzle-orm';
import { attempts, sittings } from '../../db/schema/index';
import type { Paper } from '../../server/core/paper/index';
import type { Answer } from '../../server/core/scoring/index';
import type { AppealView, DecisionView } from '../../server/modules/appeals/appeals.schemas';
import { request, type TestApp } from '../helpers/app';
import { MINUTE } from '../helpers/exam';
import {
  atStart,
  readySitting,
  sit,
  start,
  type BankQuestion,
  type Candidate,
  type ExamBank,
  type Person,
  type SittingView,
} from './sittings';
import { publishResults } from './results';

export type { AppealView, DecisionView };

/**
 * Fixed variants of the exam bank's paper (questions 0–2 are logic, 3–5 legislation, 5 the short-answer
 * item), so that one version sits at different positions on different variants and is missing from
 * some: question 0 is item 1, 2, 2 on variants 0–2 and not on variant 3; question 3 is item 3, 4, 4, 3;
 * question 5 is item 3 on variant 2 and 4 on variant 3.
 */
export const VARIANTS: { logic: [number, number]; legislation: [number, number]; reversed: boolean }[] = [
  { logic: [0, 1], legislation: [3, 4], reversed: false },
  { logic: [1, 0], legislation: [4, 3], reversed: true },
  { logic: [2, 0], legislation: [5, 3], reversed: false },
  { logic: [1, 2], legislation: [3, 5], reversed: true },
];

/** The paper of variant `n` (options reversed on odd variants: the option order is part of a variant). */
export function variantPaper(bank: ExamBank, n: number, seed: string): Paper {
  const variant = VARIANTS[n % VARIANTS.length]!;
  const item = (index: number, section: number) => {
    const q = bank.questions[index]!;
    const options = q.draft.content.options.map((o) => o.id);
    return {
      questionId: q.questionId,
      versionId: q.versionId,
      section,
      optionOrder: variant.reversed ? options.reverse() : options,
    };
  };
  return {
    seed,
    sections: [
      { index: 0, items: variant.logic.map((i) => item(i, 0)) },
      { index: 1, items: variant.legislation.map((i) => item(i, 1)) },
    ],
  };
}

/** Replaces a ready attempt's drawn paper with variant `n`, as if the draw had produced it. */
export async function setVariant(t: TestApp, bank: ExamBank, attemptId: string, n: number): Promise<Paper> {
  const [row] = await t.database.db.select().from(attempts).where(eq(attempts.id, attemptId));
  const paper = variantPaper(bank, n, row!.seed);
  const versionIds = paper.sections.flatMap((s) => s.items.map((i) => i.versionId));
  // A stored paper is frozen by a trigger; the fixture steps past it (as a superuser may) to stand in for the draw.
  await t.database.ownerDb.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.update(attempts).set({ paper, versionIds }).where(eq(attempts.id, attemptId));
  });
  return paper;
}

/** Closes the appeal window now (a test's clock cannot jump three days: sessions would not outlive it). */
export async function closeAppealWindow(t: TestApp, sittingId: string): Promise<void> {
  await t.database.db.update(sittings).set({ appealClosesAt: t.clock.read() }).where(eq(sittings.id, sittingId));
}

export type Pick = (q: BankQuestion, index: number, candidate: number) => Answer | null;

/** The default answers: right, except where (candidate + item) is a multiple of 3, which are wrong. */
export const mixedAnswers: Pick = (q, index, candidate) => ((candidate + index) % 3 === 0 ? q.wrong : q.correct);

export interface SatSitting {
  sitting: SittingView;
  candidates: Candidate[];
}

/**
 * A sitting sat by `candidates` applicants, candidate i on variant i mod 4 (offset by `variantOffset`),
 * each answering every item by `pick` and submitting; the clock is left after the sitting's end, with
 * its results published and the appeal window open unless `window` is false.
 */
export async function satSitting(
  t: TestApp,
  admin: Person,
  bank: ExamBank,
  options: { candidates: number; pick?: Pick; window?: boolean; variantOffset?: number; people?: Person[] },
): Promise<SatSitting> {
  const pick = options.pick ?? mixedAnswers;
  const { sitting, candidates } = await readySitting(t, admin, bank, {
    ...(options.people ? { people: options.people } : { candidates: options.candidates }),
  });
  for (const [i, candidate] of candidates.entries())
    await setVariant(t, bank, candidate.attemptId, i + (options.variantOffset ?? 0));
  atStart(t, sitting, MINUTE);
  for (const [i, candidate] of candidates.entries()) {
    await start(t, candidate);
    await sit(t, candidate, bank, (q, index) => pick(q, index, i));
  }
  t.clock.set(new Date(new Date(sitting.endsAt).getTime() + MINUTE));
  if (options.window !== false) await publishResults(t, admin, sitting.id);
  return { sitting, candidates };
}

export function fileAppealRequest(t: TestApp, who: Person, attemptId: string, versionId: string, reason?: string) {
  return request(t.app, {
    method: 'POST',
    url: `/api/attempts/${attemptId}/appeals`,
    cookie: who.cookie,
    payload: { versionId, reason: reason ?? 'The key is wrong: option b is also right.' },
  });
}

export async function fileAppeal(t: TestApp, who: Person, attemptId: string, versionId: string): Promise<AppealView> {
  const response = await fileAppealRequest(t, who, attemptId, versionId);
  if (response.statusCode !== 201) throw new Error(`appeal failed: ${response.statusCode} ${response.body}`);
  return response.json<AppealView>();
}

export function decideRequest(t: TestApp, who: Person, versionId: string, body: Record<string, unknown>) {
  return request(t.app, {
    method: 'POST',
    url: `/api/appeals/versions/${versionId}/decision`,
    cookie: who.cookie,
    payload: body,
  });
}

export function confirmRequest(t: TestApp, who: Person, decisionId: string) {
  return request(t.app, {
    method: 'POST',
    url: `/api/appeal-decisions/${decisionId}/confirm`,
    cookie: who.cookie,
    payload: {},
  });
}

/** An upheld decision, decided by one examiner and confirmed by another. */
export async function upheld(
  t: TestApp,
  decider: Person,
  confirmer: Person,
  versionId: string,
  body: Record<string, unknown>,
): Promise<DecisionView> {
  const decided = await decideRequest(t, decider, versionId, body);
  if (decided.statusCode !== 200) throw new Error(`decision failed: ${decided.body}`);
  const confirmed = await confirmRequest(t, confirmer, decided.json<DecisionView>().id);
  if (confirmed.statusCode !== 200) throw new Error(`confirmation failed: ${confirmed.body}`);
  return confirmed.json<DecisionView>();
}

export async function myAppeals(t: TestApp, who: Person): Promise<AppealView[]> {
  const response = await request(t.app, { method: 'GET', url: '/api/appeals', cookie: who.cookie });
  if (response.statusCode !== 200) throw new Error(`appeals failed: ${response.body}`);
  return response.json<AppealView[]>();
}
