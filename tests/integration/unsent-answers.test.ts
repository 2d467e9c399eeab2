/**
 * The local-incident rule (issue 13, README): a candidate's file of answers that never reached the server
 * is checked by an administrator and, by a recorded decision, accepted into the closed attempt before
 * publication; the attempt is then scored again. Tried with the files a careless or hostile person
 * would send: altered, another attempt's, older than what is stored, answers that do not fit.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UNSENT_FORMAT } from '../../server/modules/attempts/unsent-answers';
import type { Answer } from '../../server/core/scoring/index';
import { postAs } from '../factories/calls';
import { publishRequest } from '../factories/results';
import {
  asShown,
  getAttempt,
  paperItems,
  saveRequest,
  startedSitting,
  submitRequest,
  type Candidate,
  type ExamBank,
  type Person,
} from '../factories/sittings';
import { request, type TestApp } from '../helpers/app';
import { examSuite } from '../helpers/exam-suite';
import { auditEntries, expectConflict, expectNothingWritten, MINUTE } from '../helpers/exam';

let t: TestApp, admin: Person, bank: ExamBank;

examSuite((suite) => ({ t, admin, bank } = suite));

interface Entry {
  versionId: string;
  seq: number;
  answer: Answer | null;
  flagged: boolean;
}

/** A file as the exam room makes it: the payload's exact bytes signed with the attempt's key. */
async function fileFor(candidate: Candidate, answers: Entry[], attemptId = candidate.attemptId): Promise<string> {
  const keyed = await request(t.app, {
    method: 'GET',
    url: `/api/attempts/${candidate.attemptId}/unsent-key`,
    cookie: candidate.cookie,
  });
  expect(keyed.statusCode, keyed.body).toBe(200);
  const { signingKey } = keyed.json<{ signingKey: string }>();
  const payload = JSON.stringify({
    format: UNSENT_FORMAT,
    attemptId,
    recordedAt: t.clock.read().toISOString(),
    answers,
  });
  const mac = createHmac('sha256', Buffer.from(signingKey, 'hex')).update(payload).digest('hex');
  return JSON.stringify({ format: UNSENT_FORMAT, attemptId, payload, mac });
}

const accept = (attemptId: string, file: string, reason = 'Zalda işıq kəsildi / power cut in the room') =>
  postAs(t, admin, `/api/admin/attempts/${attemptId}/unsent-answers/accept`, { file, reason });

/** A candidate who answered the first item right and the rest not at all, then submitted. */
async function submittedWithGaps() {
  const { sitting, candidates } = await startedSitting(t, admin, bank, 2);
  const candidate = candidates[0]!;
  const items = paperItems(await getAttempt(t, candidate, candidate.attemptId));
  const first = items[0]!;
  const saved = await saveRequest(t, candidate, candidate.attemptId, {
    versionId: first.versionId,
    seq: 2,
    answer: bank.byVersion.get(first.versionId)!.correct,
  });
  expect(saved.statusCode, saved.body).toBe(200);
  expect((await submitRequest(t, candidate, candidate.attemptId)).json().score.points).toBe(1);
  // What the room held but never delivered: the right answers to the rest, and an older answer to the first.
  const unsent: Entry[] = [
    { versionId: first.versionId, seq: 1, answer: null, flagged: false },
    ...(await Promise.all(
      items.slice(1).map(async (item) => ({
        versionId: item.versionId,
        seq: 1,
        answer: await asShown(t, candidate.attemptId, item.versionId, bank.byVersion.get(item.versionId)!.correct),
        flagged: false,
      })),
    )),
  ];
  return { sitting, candidate, other: candidates[1]!, items, unsent };
}

describe('accepting a file of unsent answers', () => {
  it('takes the newer answers, leaves the older one, scores again and audits the decision', async () => {
    const { candidate, unsent } = await submittedWithGaps();
    // The administrator first inspects it: the stored answer is shown under the same labels as the file's.
    const inspected = await postAs(t, admin, `/api/admin/attempts/${candidate.attemptId}/unsent-answers/inspect`, {
      file: await fileFor(candidate, unsent),
    });
    expect(inspected.statusCode, inspected.body).toBe(200);
    const first = inspected.json().answers[0];
    expect(first.stored.answer).toEqual(
      await asShown(t, candidate.attemptId, unsent[0]!.versionId, bank.byVersion.get(unsent[0]!.versionId)!.correct),
    );

    const response = await accept(candidate.attemptId, await fileFor(candidate, unsent));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ accepted: [2, 3, 4], notNewer: [1], pointsBefore: 1, pointsAfter: 4 });
    const result = await request(t.app, {
      method: 'GET',
      url: `/api/attempts/${candidate.attemptId}/result`,
      cookie: candidate.cookie,
    });
    expect(result.json().score.points).toBe(4);
    const [entry] = await auditEntries(t, 'attempt.unsent_accepted', candidate.attemptId);
    expect(entry!.details).toMatchObject({ pointsBefore: 1, pointsAfter: 4 });
    expect(JSON.stringify(entry!.details)).toContain('power cut');

    // The same file again: nothing is newer any more, and nothing changes.
    const again = await expectNothingWritten(t, [admin.cookie], async () =>
      accept(candidate.attemptId, await fileFor(candidate, unsent)),
    );
    expectConflict(again, 'unsent.nothing_newer');
  });

  it('refuses, changing nothing: an altered file, another attempt’s, an answer that does not fit, no reason', async () => {
    const { candidate, other, unsent, items } = await submittedWithGaps();
    const good = await fileFor(candidate, unsent);
    const altered = good.replace('"seq\\":1', '"seq\\":7');
    expect(altered).not.toBe(good);
    const elsewhere = await fileFor(candidate, unsent, other.attemptId);
    const unfit = await fileFor(candidate, [
      { versionId: items[1]!.versionId, seq: 5, answer: { kind: 'choice', optionIds: ['a'] }, flagged: false },
    ]);
    const offPaper = await fileFor(candidate, [
      {
        versionId: bank.questions.find((q) => !items.some((i) => i.versionId === q.versionId))!.versionId,
        seq: 5,
        answer: null,
        flagged: false,
      },
    ]);
    for (const [file, code] of [
      [altered, 'unsent.bad-signature'],
      [elsewhere, 'unsent.other-attempt'],
      ['{"format":"x"}', 'unsent.malformed'],
      [unfit, 'unsent.answer_does_not_fit'],
      [offPaper, 'unsent.not_on_paper'],
    ] as const) {
      const response = await expectNothingWritten(t, [admin.cookie], () => accept(candidate.attemptId, file));
      expect(response.statusCode, response.body).toBe(422);
      expect(response.json().error.fields[0]).toMatchObject({ field: 'file', code });
    }
    const noReason = await expectNothingWritten(t, [admin.cookie], () => accept(candidate.attemptId, good, ''));
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].field).toBe('reason');
  });

  it('is refused while the attempt runs, and after the results are published', async () => {
    const { sitting, candidates } = await startedSitting(t, admin, bank, 1);
    const candidate = candidates[0]!;
    const item = paperItems(await getAttempt(t, candidate, candidate.attemptId))[0]!;
    const file = await fileFor(candidate, [{ versionId: item.versionId, seq: 3, answer: null, flagged: true }]);
    expectConflict(await accept(candidate.attemptId, file), 'attempt.not_finished');
    t.clock.set(new Date(new Date(sitting.endsAt).getTime() + MINUTE));
    expect((await publishRequest(t, admin, sitting.id)).statusCode).toBe(200);
    const late = await expectNothingWritten(t, [admin.cookie], () => accept(candidate.attemptId, file));
    expectConflict(late, 'results.published');
  });
});
