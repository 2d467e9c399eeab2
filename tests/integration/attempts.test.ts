import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attemptAnswers, attempts, sittings } from '../../db/schema/index';
import { CURRENT_LABEL_SCHEME, optionLabels } from '../../server/core/paper/index';
import { scoreAttempt, SCORING_VERSION, type Answer } from '../../server/core/scoring/index';
import type { QuestionKey } from '../../server/core/question';
import { createAttemptsRepository } from '../../server/modules/attempts/attempts.repository';
import { createAttemptsService } from '../../server/modules/attempts/attempts.service';
import { createRulingsRepository } from '../../server/modules/appeals/rulings.repository';
import { createVersionCache } from '../../server/modules/questions/version-cache';
import { postAs } from '../factories/calls';
import {
  answerAll,
  applicants,
  atStart,
  book,
  bookableSitting,
  closeBooking,
  getAttempt,
  getBooking,
  paperItems,
  readySitting,
  saveRequest,
  start,
  startedSitting,
  startRequest,
  submitRequest,
  type AttemptView,
  type BankQuestion,
  type Candidate,
  type ExamBank,
  type Person,
  type ResultView,
  type Start,
  asShown,
} from '../factories/sittings';
import { request, type TestApp } from '../helpers/app';
import { examSuite } from '../helpers/exam-suite';
import { expectConflict, expectInvalid, expectNothingWritten, expectNotFound, MINUTE, ms } from '../helpers/exam';

let t: TestApp, admin: Person, bank: ExamBank;

examSuite((suite) => ({ t, admin, bank } = suite));

const SECOND = 1000;
const result = (who: Person, attemptId: string) =>
  request(t.app, { method: 'GET', url: `/api/attempts/${attemptId}/result`, cookie: who.cookie });

/** The stored row, its answer (kept in the bank's own option ids) read under the candidate's labels. */
async function storedAnswer(attemptId: string, versionId: string) {
  const [row] = await t.database.db
    .select()
    .from(attemptAnswers)
    .where(and(eq(attemptAnswers.attemptId, attemptId), eq(attemptAnswers.versionId, versionId)));
  return row && { ...row, answer: await asShown(t, attemptId, versionId, row.answer) };
}

/** A candidate in the entry window with a started attempt and its paper. */
async function startedCandidate(offsetMs = 0): Promise<{ candidate: Candidate; started: Start; view: AttemptView }> {
  const { candidates, starts } = await startedSitting(t, admin, bank, 1, offsetMs);
  const candidate = candidates[0]!;
  return { candidate, started: starts[0]!, view: await getAttempt(t, candidate, candidate.attemptId) };
}

/** What the scoring core says for these answers, from the stored paper and the frozen blueprint. */
async function expectedScore(attemptId: string, answers: Record<string, Answer>) {
  const [row] = await t.database.db.select().from(attempts).where(eq(attempts.id, attemptId));
  const [sitting] = await t.database.db.select().from(sittings).where(eq(sittings.id, row!.sittingId));
  const keys: Record<string, QuestionKey> = Object.fromEntries(bank.questions.map((q) => [q.versionId, q.key]));
  return scoreAttempt({ paper: row!.paper, answers, keys, blueprint: sitting!.blueprint!, annulments: [] });
}

function answersBy(view: AttemptView, pick: (q: BankQuestion, index: number) => Answer | null) {
  const answers: Record<string, Answer> = {};
  paperItems(view).forEach((item, index) => {
    const answer = pick(bank.byVersion.get(item.versionId)!, index);
    if (answer) answers[item.versionId] = answer;
  });
  return answers;
}

describe('starting an attempt', () => {
  it('waits for the papers to be drawn', async () => {
    const sitting = await bookableSitting(t, admin, bank.blueprintId);
    const [who] = await applicants(t, 1);
    const booking = await book(t, who!, sitting.id);
    atStart(t, sitting, MINUTE);
    expectConflict(await startRequest(t, who!, booking.id), 'attempt.not_ready');
    expect((await getBooking(t, who!, booking.id)).canStart).toBe(false);
  });

  it('opens at the start and closes after entry closes', async () => {
    const { sitting, candidates } = await readySitting(t, admin, bank, { candidates: 4 });
    const [early, first, late, never] = candidates as [Candidate, Candidate, Candidate, Candidate];

    expect(early.booking.canStart).toBe(false);
    expectConflict(await startRequest(t, early, early.booking.id), 'attempt.entry_not_open');
    expectConflict(
      await request(t.app, { method: 'GET', url: `/api/attempts/${early.attemptId}`, cookie: early.cookie }),
      'attempt.not_started',
    );
    atStart(t, sitting, -SECOND);
    const tooEarly = await expectNothingWritten(t, [early.cookie], () => startRequest(t, early, early.booking.id));
    expectConflict(tooEarly, 'attempt.entry_not_open');

    atStart(t, sitting);
    expect((await getBooking(t, first, first.booking.id)).canStart).toBe(true);
    const opened = await start(t, first);
    expect(opened).toMatchObject({ attemptId: first.attemptId, status: 'started' });
    expect(ms(opened.startedAt)).toBe(ms(sitting.startsAt));
    expect(ms(opened.serverNow)).toBe(ms(sitting.startsAt));
    expect((await getBooking(t, first, first.booking.id)).attemptStatus).toBe('started');

    t.clock.set(new Date(ms(sitting.entryClosesAt) + SECOND));
    const tooLate = await expectNothingWritten(t, [late.cookie], () => startRequest(t, late, late.booking.id));
    expectConflict(tooLate, 'attempt.entry_closed');
    expect((await getBooking(t, late, late.booking.id)).canStart).toBe(false);
    // A candidate who started in time may come back after entry closes: the same attempt and deadline.
    const resumed = await startRequest(t, first, first.booking.id);
    expect(resumed.statusCode, resumed.body).toBe(200);
    expect(ms(resumed.json<Start>().deadline)).toBe(ms(opened.deadline));

    // After the sitting's end nobody starts.
    t.clock.set(new Date(ms(sitting.endsAt) + SECOND));
    const over = await expectNothingWritten(t, [never.cookie], () => startRequest(t, never, never.booking.id));
    expect(over.statusCode, over.body).toBe(409);
    expect(['attempt.finished', 'attempt.entry_closed']).toContain(over.json().error.fields[0].code);
  });

  it('admits a candidate at the very moment entry closes: the window is [startsAt, entryClosesAt]', async () => {
    const { sitting, candidates } = await readySitting(t, admin, bank, { candidates: 1 });
    t.clock.set(sitting.entryClosesAt);
    const started = await start(t, candidates[0]!);
    expect(ms(started.startedAt)).toBe(ms(sitting.entryClosesAt));
  });

  it('refuses a cancelled booking', async () => {
    const sitting = await bookableSitting(t, admin, bank.blueprintId);
    const [who] = await applicants(t, 1);
    const booking = await book(t, who!, sitting.id);
    const cancelled = await request(t.app, {
      method: 'POST',
      url: `/api/bookings/${booking.id}/cancel`,
      cookie: who!.cookie,
      payload: {},
    });
    expect(cancelled.statusCode).toBe(200);
    t.clock.set(new Date(ms(sitting.bookingClosesAt) + MINUTE));
    await closeBooking(t, admin, sitting.id);
    atStart(t, sitting, MINUTE);
    expectConflict(await startRequest(t, who!, booking.id), 'booking.cancelled');
  });

  it('starts once however many starts arrive together, and a later start returns the same deadline', async () => {
    const { sitting, candidates } = await readySitting(t, admin, bank, { candidates: 1 });
    const candidate = candidates[0]!;
    atStart(t, sitting, 2 * MINUTE);
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => startRequest(t, candidate, candidate.booking.id)),
    );
    for (const response of responses) expect(response.statusCode, response.body).toBe(200);
    const starts = responses.map((r) => r.json<Start>());
    expect(new Set(starts.map((s) => s.attemptId))).toEqual(new Set([candidate.attemptId]));
    expect(new Set(starts.map((s) => ms(s.deadline))).size).toBe(1);
    expect(new Set(starts.map((s) => ms(s.startedAt))).size).toBe(1);

    t.clock.advance(10 * MINUTE);
    const again = await start(t, candidate);
    expect(ms(again.deadline)).toBe(ms(starts[0]!.deadline));
    expect(ms(again.startedAt)).toBe(ms(starts[0]!.startedAt));
    const rows = await t.database.db.select().from(attempts).where(eq(attempts.bookingId, candidate.booking.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('started');
    expect(rows[0]!.deadline!.getTime()).toBe(ms(starts[0]!.deadline));
  });
});

describe('the paper', () => {
  it('shows the candidate their own drawn items in the exam language, options in the drawn order', async () => {
    const { candidate, started, view } = await startedCandidate();
    expect(view).toMatchObject({
      id: candidate.attemptId,
      status: 'started',
      candidateCode: candidate.booking.candidateCode,
      sittingCode: candidate.booking.sittingCode,
      language: 'az',
      graceSeconds: 5,
      answers: [],
    });
    expect(ms(view.deadline)).toBe(ms(started.deadline));
    expect(ms(view.startedAt)).toBe(ms(started.startedAt));
    expect(ms(view.serverNow)).toBe(t.clock.read().getTime());
    const [row] = await t.database.db.select().from(attempts).where(eq(attempts.id, candidate.attemptId));
    expect(view.sections.map((s) => s.index)).toEqual([0, 1]);
    expect(view.sections.map((s) => s.title.az)).toEqual(bank.blueprint.sections.map((s) => s.title.az));
    const items = paperItems(view);
    expect(items.map((i) => i.number)).toEqual([1, 2, 3, 4]);
    const drawn = row!.paper.sections.flatMap((s) => s.items);
    expect(items.map((i) => i.versionId)).toEqual(drawn.map((i) => i.versionId));
    for (const [n, item] of items.entries()) {
      const question = bank.byVersion.get(item.versionId)!;
      expect(item.section).toBe(drawn[n]!.section);
      expect(item.type).toBe(question.draft.content.type);
      expect(item.text).toBe(question.draft.content.text.az);
      // In the drawn order, each under this paper's label for it, never the authored id.
      // A paper drawn now is under the current label scheme, for its whole life.
      expect(row!.paper.labels).toBe(CURRENT_LABEL_SCHEME);
      const labels = optionLabels(
        row!.seed,
        item.versionId,
        question.draft.content.options.map((o) => o.id),
        CURRENT_LABEL_SCHEME,
      );
      expect(item.options.map((o) => o.id)).toEqual(drawn[n]!.optionOrder.map((id) => labels.shown(id)));
      for (const [k, option] of item.options.entries()) {
        const authored = drawn[n]!.optionOrder[k]!;
        expect(option.id).not.toBe(authored);
        expect(option.text).toBe(question.draft.content.options.find((o) => o.id === authored)!.text.az);
      }
    }
  });

  it('is not shown to another applicant, who cannot write to it, submit it or read its result', async () => {
    const { candidate, view } = await startedCandidate();
    const [intruder] = await applicants(t, 1);
    const versionId = paperItems(view)[0]!.versionId;
    await expectNothingWritten(t, [intruder!.cookie], async () => {
      expectNotFound(
        await request(t.app, { method: 'GET', url: `/api/attempts/${candidate.attemptId}`, cookie: intruder!.cookie }),
      );
      expectNotFound(
        await saveRequest(t, intruder!, candidate.attemptId, {
          versionId,
          seq: 1,
          answer: { kind: 'choice', optionIds: ['a'] },
        }),
      );
      expectNotFound(await submitRequest(t, intruder!, candidate.attemptId));
      expectNotFound(await result(intruder!, candidate.attemptId));
    });
    expectNotFound(
      await request(t.app, {
        method: 'GET',
        url: '/api/attempts/00000000-0000-4000-8000-000000000000',
        cookie: candidate.cookie,
      }),
    );
  });
});

describe('autosave', () => {
  it('acknowledges a write only once it is stored, and ignores stale, equal and reordered writes', async () => {
    const { candidate, view } = await startedCandidate();
    const item = paperItems(view).find((i) => i.type !== 'short')!;
    const optionIds = item.options.map((o) => o.id);
    const choose = (...ids: string[]): Answer => ({ kind: 'choice', optionIds: ids });
    const save = (seq: number, answer: Answer | null, flagged = false) =>
      saveRequest(t, candidate, candidate.attemptId, { versionId: item.versionId, seq, answer, flagged });

    const first = await save(1, choose(optionIds[0]!));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ versionId: item.versionId, seq: 1, applied: true });
    expect(ms(first.json().savedAt)).toBe(t.clock.read().getTime());
    // The acknowledgement came after the commit: the row is there the moment the response is.
    expect(await storedAnswer(candidate.attemptId, item.versionId)).toMatchObject({
      seq: 1,
      answer: choose(optionIds[0]!),
      flagged: false,
    });

    const equal = await expectNothingWritten(t, [candidate.cookie], () => save(1, choose(optionIds[1]!)));
    expect(equal.statusCode, equal.body).toBe(200);
    expect(equal.json()).toMatchObject({ seq: 1, applied: false });
    expect((await storedAnswer(candidate.attemptId, item.versionId))?.answer).toEqual(choose(optionIds[0]!));

    expect((await save(3, choose(optionIds[2]!), true)).json().applied).toBe(true);
    const stale = await expectNothingWritten(t, [candidate.cookie], () => save(2, choose(optionIds[1]!)));
    // The acknowledgement may carry the newer seq the server holds: it acknowledges this write too.
    expect(stale.json().applied).toBe(false);
    expect(stale.json().seq).toBeGreaterThanOrEqual(2);
    expect(await storedAnswer(candidate.attemptId, item.versionId)).toMatchObject({
      seq: 3,
      answer: choose(optionIds[2]!),
      flagged: true,
    });

    // Writes racing each other in any order: the highest sequence number wins.
    const seqs = [9, 4, 13, 6, 11, 5, 12, 7, 10, 8];
    const raced = await Promise.all(seqs.map((seq) => save(seq, choose(optionIds[seq % optionIds.length]!))));
    for (const response of raced) expect(response.statusCode, response.body).toBe(200);
    expect(raced[seqs.indexOf(13)]!.json().applied).toBe(true);
    expect(await storedAnswer(candidate.attemptId, item.versionId)).toMatchObject({
      seq: 13,
      answer: choose(optionIds[13 % optionIds.length]!),
    });

    // null clears the answer and keeps the flag.
    expect((await save(14, null, true)).json().applied).toBe(true);
    const read = await getAttempt(t, candidate, candidate.attemptId);
    expect(read.answers).toEqual([{ versionId: item.versionId, answer: null, flagged: true, seq: 14 }]);
  });

  it('refuses a version that is not on this paper, naming versionId, and stores nothing', async () => {
    const { candidate, view } = await startedCandidate();
    const onPaper = new Set(paperItems(view).map((i) => i.versionId));
    const unused = bank.questions.find((q) => !onPaper.has(q.versionId))!;
    for (const versionId of [unused.versionId, '00000000-0000-4000-8000-000000000000']) {
      const response = await expectNothingWritten(t, [candidate.cookie], () =>
        saveRequest(t, candidate, candidate.attemptId, { versionId, seq: 1, answer: unused.correct }),
      );
      expectInvalid(response, 'versionId', 'not_on_paper');
    }
    const versionId = paperItems(view)[0]!.versionId;
    expectInvalid(await saveRequest(t, candidate, candidate.attemptId, { versionId, seq: 0, answer: null }), 'seq');
    expectInvalid(
      await saveRequest(t, candidate, candidate.attemptId, { versionId: 'item-1', seq: 1, answer: null }),
      'versionId',
    );
    expect((await getAttempt(t, candidate, candidate.attemptId)).answers).toEqual([]);
  });

  it('refuses writes to an annulled attempt', async () => {
    const { candidate, view } = await startedCandidate();
    const item = paperItems(view)[0]!;
    const question = bank.byVersion.get(item.versionId)!;
    const saved = await saveRequest(t, candidate, candidate.attemptId, {
      versionId: item.versionId,
      seq: 1,
      answer: question.correct,
    });
    expect(saved.statusCode).toBe(200);
    const annulled = await postAs(t, admin, `/api/admin/attempts/${candidate.attemptId}/annul`, {
      reason: 'Kənar köməkdən istifadə',
    });
    expect(annulled.statusCode, annulled.body).toBe(200);

    const refused = await expectNothingWritten(t, [candidate.cookie], () =>
      saveRequest(t, candidate, candidate.attemptId, { versionId: item.versionId, seq: 2, answer: question.wrong }),
    );
    expect(refused.statusCode, refused.body).toBe(409);
    expect(['attempt.not_in_progress', 'attempt.annulled']).toContain(refused.json().error.fields[0].code);
    expect((await storedAnswer(candidate.attemptId, item.versionId))?.seq).toBe(1);
    expectConflict(await startRequest(t, candidate, candidate.booking.id), 'attempt.annulled');

    const read = await result(candidate, candidate.attemptId);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ status: 'annulled', score: null, annulReason: 'Kənar köməkdən istifadə' });
  });
});

describe('submission and scoring', () => {
  it('submits once however many submits arrive together, with identical answers', async () => {
    const { candidate, view } = await startedCandidate();
    await answerAll(t, candidate, view, bank, (q) => q.correct);
    expectConflict(await result(candidate, candidate.attemptId), 'attempt.not_finished');

    t.clock.advance(5 * MINUTE);
    const submittedAt = t.clock.read().getTime();
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => submitRequest(t, candidate, candidate.attemptId)),
    );
    for (const response of responses) expect(response.statusCode, response.body).toBe(200);
    expect(new Set(responses.map((r) => r.body)).size).toBe(1);
    const submitted = responses[0]!.json<ResultView>();
    expect(submitted).toMatchObject({ attemptId: candidate.attemptId, status: 'submitted', finalisedBy: 'candidate' });
    expect(ms(submitted.submittedAt)).toBe(submittedAt);

    t.clock.advance(MINUTE);
    const later = await submitRequest(t, candidate, candidate.attemptId);
    expect(later.body).toBe(responses[0]!.body);
    const read = await result(candidate, candidate.attemptId);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(submitted);
    const [row] = await t.database.db.select().from(attempts).where(eq(attempts.id, candidate.attemptId));
    expect(row!.status).toBe('submitted');
    expect(row!.submittedAt!.getTime()).toBe(submittedAt);

    const item = paperItems(view)[0]!;
    const closed = await expectNothingWritten(t, [candidate.cookie], () =>
      saveRequest(t, candidate, candidate.attemptId, {
        versionId: item.versionId,
        seq: 99,
        answer: bank.byVersion.get(item.versionId)!.wrong,
      }),
    );
    expectConflict(closed, 'attempt.not_in_progress');
    // Starting again does not reopen it: the same attempt, still submitted, or a refusal.
    const again = await expectNothingWritten(t, [candidate.cookie], () =>
      startRequest(t, candidate, candidate.booking.id),
    );
    if (again.statusCode === 200) {
      expect(again.json()).toMatchObject({ attemptId: candidate.attemptId, status: 'submitted' });
    } else {
      expectConflict(again, 'attempt.finished');
    }
    expect((await getBooking(t, candidate, candidate.booking.id)).attemptStatus).toBe('submitted');
  });

  it('reads no paper before finalising a submit or a result: only the finalising transaction, under the lock, does', async () => {
    const { candidate, view } = await startedCandidate();
    await answerAll(t, candidate, view, bank, (q) => q.correct);
    // The service over a repository that records what each read handed back, whether it carried the paper.
    const db = t.database.db;
    const versions = createVersionCache(db);
    const inner = createAttemptsRepository(db, versions);
    const reads: { method: string; paper: boolean }[] = [];
    const carriesPaper = (value: unknown): boolean =>
      typeof value === 'object' && value !== null && ('paper' in value || Object.values(value).some(carriesPaper));
    const repository = new Proxy(inner, {
      get(target, key: string) {
        const value = target[key as keyof typeof target];
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          const out: unknown = await (value as (...a: unknown[]) => unknown)(...args);
          reads.push({ method: key, paper: carriesPaper(out) });
          return out;
        };
      },
    });
    const service = createAttemptsService({
      db,
      clock: t.clock.read,
      config: t.config,
      repository,
      rulings: createRulingsRepository(db, versions),
      settings: t.services.repositories.settings,
      audit: t.services.repositories.audit,
      standing: async () => ({ rank: null, certificateId: null }),
    });

    t.clock.advance(5 * MINUTE);
    const submitted = await service.submit(candidate.id, candidate.attemptId);
    expect(submitted).toMatchObject({ status: 'submitted', finalisedBy: 'candidate', score: { points: 4 } });
    // The paper is read once, by the row lock scoring needs; the update that closes the attempt returns none.
    expect(reads.filter((r) => r.paper).map((r) => r.method)).toEqual(['lockToFinalise']);
    expect(reads[0]).toEqual({ method: 'resultContext', paper: false });

    reads.length = 0;
    expect(await service.submit(candidate.id, candidate.attemptId)).toEqual(submitted);
    expect(await service.result(candidate.id, candidate.attemptId)).toEqual(submitted);
    expect(reads).toEqual([
      { method: 'resultContext', paper: false },
      { method: 'resultContext', paper: false },
    ]);
    // And what the routes answer is the same result.
    expect((await result(candidate, candidate.attemptId)).json()).toEqual(submitted);
  });

  it('counts every acknowledged write in the result, even one racing the submit', async () => {
    const { candidate, view } = await startedCandidate();
    await answerAll(t, candidate, view, bank, (q) => q.wrong);
    const items = paperItems(view);
    const save = (seq: number) => {
      const item = items[seq % items.length]!;
      const question = bank.byVersion.get(item.versionId)!;
      return saveRequest(t, candidate, candidate.attemptId, {
        versionId: item.versionId,
        seq,
        answer: seq % 2 === 0 ? question.correct : question.wrong,
      });
    };
    // Saves keep arriving, a few at a time, for as long as the submit is being processed.
    let submitting = true;
    const submit = submitRequest(t, candidate, candidate.attemptId).finally(() => (submitting = false));
    const responses = [];
    let seq = 2;
    while (submitting && seq < 2_000) {
      responses.push(...(await Promise.all([save(seq), save(seq + 1), save(seq + 2), save(seq + 3)])));
      seq += 4;
    }
    responses.push(...(await Promise.all([save(seq), save(seq + 1)])));
    const submitted = await submit;
    expect(submitted.statusCode, submitted.body).toBe(200);
    for (const response of responses) expect([200, 409], response.body).toContain(response.statusCode);
    expect(responses.some((r) => r.statusCode === 409)).toBe(true);
    const acknowledged = responses.filter((r) => r.statusCode === 200 && r.json().applied === true);

    // The result is the score of exactly the answers stored, and every acknowledged write is among them.
    const stored = await t.database.db
      .select()
      .from(attemptAnswers)
      .where(eq(attemptAnswers.attemptId, candidate.attemptId));
    for (const ack of acknowledged.map((r) => r.json<{ versionId: string; seq: number }>())) {
      expect(stored.find((a) => a.versionId === ack.versionId)!.seq).toBeGreaterThanOrEqual(ack.seq);
    }
    const answers = Object.fromEntries(stored.filter((a) => a.answer).map((a) => [a.versionId, a.answer!]));
    const expected = await expectedScore(candidate.attemptId, answers);
    const [row] = await t.database.db.select().from(attempts).where(eq(attempts.id, candidate.attemptId));
    const disagreeing = stored
      .filter((a) => {
        const scored = row!.result!.items.find((i) => i.versionId === a.versionId)!.outcome;
        return scored !== expected.items.find((i) => i.versionId === a.versionId)!.outcome;
      })
      .map((a) => `${a.versionId} (acknowledged seq ${a.seq})`);
    expect(disagreeing, 'acknowledged answers the result did not score').toEqual([]);
    const { score } = submitted.json<ResultView>();
    expect(score!.inputDigest).toBe(expected.inputDigest);
    expect(score!.points).toBe(expected.points);
  });

  it('scores all correct as full marks and a pass, by the scoring core', async () => {
    const { candidate, view } = await startedCandidate();
    await answerAll(t, candidate, view, bank, (q) => q.correct);
    const response = await submitRequest(t, candidate, candidate.attemptId);
    expect(response.statusCode, response.body).toBe(200);
    const { score } = response.json<ResultView>();
    expect(score).toMatchObject({ points: 4, maxPoints: 4, passMark: 3, passed: true, failReasons: [] });
    expect(
      score!.sections.map((s) => [s.index, s.points, s.maxPoints, s.correct, s.wrong, s.unanswered, s.metMinimum]),
    ).toEqual([
      [0, 2, 2, 2, 0, 0, true],
      [1, 2, 2, 2, 0, 0, true],
    ]);
    expect(score!.sections.map((s) => s.minCorrect)).toEqual([1, 1]);
    expect(score!.sections[0]!.title.az).toBe('Məntiq');
    const expected = await expectedScore(
      candidate.attemptId,
      answersBy(view, (q) => q.correct),
    );
    expect(score!.scoringVersion).toBe(SCORING_VERSION);
    expect(score!.inputDigest).toBe(expected.inputDigest);
    const [row] = await t.database.db.select().from(attempts).where(eq(attempts.id, candidate.attemptId));
    expect(row!.passed).toBe(true);
    expect(Number(row!.points)).toBe(4);
    expect(row!.result).toEqual(expected);
  });

  it('scores no answers as 0 and a fail, with every reason', async () => {
    const { candidate, view } = await startedCandidate();
    const response = await submitRequest(t, candidate, candidate.attemptId);
    expect(response.statusCode, response.body).toBe(200);
    const { score } = response.json<ResultView>();
    expect(score).toMatchObject({ points: 0, maxPoints: 4, passed: false });
    expect(score!.sections.map((s) => [s.correct, s.wrong, s.unanswered, s.metMinimum])).toEqual([
      [0, 0, 2, false],
      [0, 0, 2, false],
    ]);
    expect(score!.failReasons).toEqual([
      { code: 'section-minimum', section: 0 },
      { code: 'section-minimum', section: 1 },
      { code: 'pass-mark' },
    ]);
    expect(score!.inputDigest).toBe(
      (
        await expectedScore(
          candidate.attemptId,
          answersBy(view, () => null),
        )
      ).inputDigest,
    );
  });

  it('scores a mixed paper item by item: the first section right, the second wrong', async () => {
    const { candidate, view } = await startedCandidate();
    const pick = (q: BankQuestion) => (q.subject === 'logic' ? q.correct : q.wrong);
    await answerAll(t, candidate, view, bank, pick);
    const { score } = (await submitRequest(t, candidate, candidate.attemptId)).json<ResultView>();
    const expected = await expectedScore(candidate.attemptId, answersBy(view, pick));
    expect(expected.points).toBe(2);
    expect(score).toMatchObject({ points: 2, maxPoints: 4, passed: false, inputDigest: expected.inputDigest });
    expect(score!.sections.map((s) => [s.points, s.correct, s.wrong, s.unanswered, s.metMinimum])).toEqual([
      [2, 2, 0, 0, true],
      [0, 0, 2, 0, false],
    ]);
    expect(score!.failReasons).toEqual([{ code: 'section-minimum', section: 1 }, { code: 'pass-mark' }]);
  });
});

describe('attempts nobody submits', () => {
  it('are finalised by the sweeper after the deadline and grace, from the saved answers', async () => {
    const { sitting, candidates } = await readySitting(t, admin, bank, { candidates: 3 });
    const [due, later, idle] = candidates as [Candidate, Candidate, Candidate];
    atStart(t, sitting);
    const dueStart = await start(t, due);
    const dueView = await getAttempt(t, due, due.attemptId);
    const pick = (q: BankQuestion) => (q.subject === 'logic' ? q.correct : null);
    await answerAll(t, due, dueView, bank, pick);
    atStart(t, sitting, 20 * MINUTE);
    await start(t, later);

    // Within the grace period nothing is finalised.
    t.clock.set(new Date(ms(dueStart.deadline) + 4 * SECOND));
    await t.services.attempts.sweep();
    expect((await t.database.db.select().from(attempts).where(eq(attempts.id, due.attemptId)))[0]!.status).toBe(
      'started',
    );

    t.clock.set(new Date(ms(dueStart.deadline) + 6 * SECOND));
    await t.services.attempts.sweep();
    const rows = await t.database.db.select().from(attempts).where(eq(attempts.sittingId, sitting.id));
    const status = (id: string) => rows.find((r) => r.id === id)!.status;
    expect([status(due.attemptId), status(later.attemptId), status(idle.attemptId)]).toEqual([
      'submitted',
      'started',
      'ready',
    ]);
    const read = await result(due, due.attemptId);
    expect(read.statusCode, read.body).toBe(200);
    const swept = read.json<ResultView>();
    expect(swept).toMatchObject({ status: 'submitted', finalisedBy: 'deadline' });
    const expected = await expectedScore(due.attemptId, answersBy(dueView, pick));
    expect(swept.score).toMatchObject({ points: 2, passed: false, inputDigest: expected.inputDigest });
    // Sweeping again changes nothing.
    await t.services.attempts.sweep();
    expect((await result(due, due.attemptId)).body).toBe(read.body);
    // The candidate's own submit now returns the one result there is.
    expect((await submitRequest(t, due, due.attemptId)).body).toBe(read.body);
  });

  it('are finalised when read after the deadline, answers still listed', async () => {
    const { candidate, started, view } = await startedCandidate(MINUTE);
    await answerAll(t, candidate, view, bank, (q) => q.correct);
    t.clock.set(new Date(ms(started.deadline) + 10 * SECOND));
    const read = await getAttempt(t, candidate, candidate.attemptId);
    expect(read.status).toBe('submitted');
    expect(read.answers).toHaveLength(4);
    expect(ms(read.deadline)).toBe(ms(started.deadline));
    const final = (await result(candidate, candidate.attemptId)).json<ResultView>();
    expect(final).toMatchObject({ status: 'submitted', finalisedBy: 'deadline' });
    expect(final.score).toMatchObject({ points: 4, passed: true });
  });
});
