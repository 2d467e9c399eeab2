import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attempts, questionReviews, questions } from '../../db/schema/index';
import type { QuestionDetailResponse, QuestionListResponse } from '../../server/modules/questions/questions.schemas';
import { fileAppeal, satSitting, setVariant, upheld } from '../factories/appeals';
import { postAs } from '../factories/calls';
import { signedInAgain } from '../factories/results';
import {
  atStart,
  examBank,
  readySitting,
  sit,
  staffMember,
  start,
  type ExamBank,
  type Person,
} from '../factories/sittings';
import { request, type TestApp } from '../helpers/app';
import { examSuite } from '../helpers/exam-suite';
import { auditEntries, expectConflict, MINUTE } from '../helpers/exam';

let t: TestApp;
let admin: Person;
let bank: ExamBank;

examSuite((suite) => ({ t, admin, bank } = suite));

const PREVIEWS = 40;

/** The versions drawn by `PREVIEWS` previews of the bank's blueprint, one set per seed. */
async function previews(who: Person, blueprintId: string): Promise<string[][]> {
  const drawn: string[][] = [];
  for (let i = 0; i < PREVIEWS; i++) {
    const response = await request(t.app, {
      method: 'GET',
      url: `/api/blueprints/${blueprintId}/preview?seed=ruling-${i}`,
      cookie: who.cookie,
    });
    expect(response.statusCode, response.body).toBe(200);
    const paper = response.json<{ sections: { items: { versionId: string }[] }[] }>();
    drawn.push(paper.sections.flatMap((s) => s.items.map((item) => item.versionId)));
  }
  return drawn;
}

/** How many approved logic items the feasibility check finds for the bank's blueprint, in Azerbaijani. */
async function logicAvailable(who: Person): Promise<number> {
  const response = await request(t.app, {
    method: 'GET',
    url: `/api/blueprints/${bank.blueprintId}/feasibility`,
    cookie: who.cookie,
  });
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json<{
    languages: { language: string; sections: { index: number; difficulties: { available: number }[] }[] }[];
  }>();
  const az = body.languages.find((l) => l.language === 'az')!;
  return az.sections[0]!.difficulties.reduce((sum, d) => sum + d.available, 0);
}

async function bankList(who: Person, q: string) {
  const response = await request(t.app, { method: 'GET', url: `/api/questions?q=${q}`, cookie: who.cookie });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<QuestionListResponse>();
}

async function question(who: Person, id: string) {
  const response = await request(t.app, { method: 'GET', url: `/api/questions/${id}`, cookie: who.cookie });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<QuestionDetailResponse>();
}

describe('rulings bind the bank', () => {
  it('an annulled version is never drawn again: 40 previews and the feasibility check leave it out', async () => {
    const examiner = await staffMember(t, 'examiner');
    const second = await staffMember(t, 'examiner');
    const annulled = bank.questions[0]!;
    // The failure reported: before the ruling the version is drawn in many previews.
    const before = await previews(examiner, bank.blueprintId);
    const logicBefore = await logicAvailable(examiner);
    expect(before.filter((paper) => paper.includes(annulled.versionId)).length).toBeGreaterThan(0);

    const sat = await satSitting(t, admin, bank, { candidates: 1 });
    const appellant = sat.candidates[0]!;
    // A paper drawn before the ruling (variant 0 carries question 0).
    const drawn = await readySitting(t, admin, bank, { candidates: 1 });
    const holder = drawn.candidates[0]!;
    await setVariant(t, bank, holder.attemptId, 0);
    await fileAppeal(t, appellant, appellant.attemptId, annulled.versionId);
    const decision = await upheld(t, examiner, second, annulled.versionId, {
      outcome: 'annul',
      reason: 'Two options are right as the item is written.',
    });

    const after = await previews(examiner, bank.blueprintId);
    expect(after.filter((paper) => paper.includes(annulled.versionId))).toEqual([]);
    // The other logic items still fill the section.
    expect(after.every((paper) => paper.length === 4)).toBe(true);

    // The feasibility check counts one logic item fewer.
    expect(await logicAvailable(examiner)).toBe(logicBefore - 1);
    expect((await t.services.questions.pool()).some((item) => item.versionId === annulled.versionId)).toBe(false);

    // The bank: no longer approved, and the ruling shown with the decision it came from.
    const [row] = await t.database.db.select().from(questions).where(eq(questions.id, annulled.questionId));
    expect(row).toMatchObject({ status: 'draft', approvedVersion: null });
    const listed = (await bankList(examiner, bank.tag)).items.find((i) => i.id === annulled.questionId)!;
    expect(listed.rulings).toEqual([
      { versionId: annulled.versionId, version: 1, kind: 'annul', decisionId: decision.id, at: expect.any(String) },
    ]);
    const detail = await question(examiner, annulled.questionId);
    expect(detail.rulings.map((r) => r.kind)).toEqual(['annul']);
    expect(detail.reviews.map((r) => r.action)).toContain('annulled');
    const confirmed = await auditEntries(t, 'appeal.confirmed', decision.id);
    expect(confirmed[0]!.details).toMatchObject({ retiredFromDrawing: true, questionId: annulled.questionId });

    // The annulled version cannot be sent for review again: only an edit (a new version) can.
    const author = await signedInAgain(t, bank.examiner);
    expectConflict(await postAs(t, author, `/api/questions/${annulled.questionId}/submit`, {}), 'version_annulled');

    // The paper drawn before keeps it, and is scored by the ruling.
    const [held] = await t.database.db.select().from(attempts).where(eq(attempts.id, holder.attemptId));
    expect(held!.versionIds).toContain(annulled.versionId);
    atStart(t, drawn.sitting, MINUTE);
    await start(t, holder);
    await sit(t, holder, bank, (q) => q.wrong);
    const [scored] = await t.database.db.select().from(attempts).where(eq(attempts.id, holder.attemptId));
    const item = scored!.result!.items.find((i) => i.versionId === annulled.versionId)!;
    expect(item.outcome).toBe('annulled');
  });

  it('a corrected key makes a new version that goes through review; the ruled one is drawn until it is approved', async () => {
    bank = await examBank(t);
    const examiner = await staffMember(t, 'examiner');
    const second = await staffMember(t, 'examiner');
    const ruled = bank.questions[1]!;
    const sat = await satSitting(t, admin, bank, { candidates: 1 });
    const appellant = sat.candidates[0]!;
    await fileAppeal(t, appellant, appellant.attemptId, ruled.versionId);
    const key = { type: 'single', correct: ['b'] };
    const decision = await upheld(t, examiner, second, ruled.versionId, {
      outcome: 'correct-key',
      reason: 'The key named the wrong option: b is right.',
      key,
    });

    const detail = await question(examiner, ruled.questionId);
    expect(detail).toMatchObject({ status: 'in_review', currentVersion: 2, approvedVersion: 1 });
    expect(detail.versions[1]).toMatchObject({ version: 2, key, content: ruled.draft.content, createdBy: examiner.id });
    expect(detail.rulings).toEqual([expect.objectContaining({ kind: 'key', decisionId: decision.id, version: 1 })]);
    const trail = await t.database.db
      .select({ action: questionReviews.action, version: questionReviews.version })
      .from(questionReviews)
      .where(eq(questionReviews.questionId, ruled.questionId));
    expect(trail.slice(-2)).toEqual([
      { action: 'key-corrected', version: 2 },
      { action: 'submitted', version: 2 },
    ]);
    // Still drawn meanwhile, scored by the key in force.
    expect((await t.services.questions.pool()).some((i) => i.versionId === ruled.versionId)).toBe(true);

    // Review like any edit: the examiner who decided the key cannot approve it; another can.
    const own = await postAs(t, examiner, `/api/questions/${ruled.questionId}/review`, { decision: 'approve' });
    expect(own.statusCode, own.body).toBe(403);
    const approved = await postAs(
      t,
      await signedInAgain(t, bank.reviewer),
      `/api/questions/${ruled.questionId}/review`,
      {
        decision: 'approve',
      },
    );
    expect(approved.statusCode, approved.body).toBe(200);
    const pool = await t.services.questions.pool();
    expect(pool.find((i) => i.questionId === ruled.questionId)).toMatchObject({ version: 2, key });
  });
});
