import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { appeals, attempts, itemRulings, rescoringJobs } from '../../db/schema/index';
import type { QueueGroup } from '../../server/modules/appeals/appeals.schemas';
import {
  confirmRequest,
  decideRequest,
  fileAppeal,
  fileAppealRequest,
  myAppeals,
  closeAppealWindow,
  satSitting,
  setVariant,
  upheld,
  type DecisionView,
  type SatSitting,
} from '../factories/appeals';
import {
  answerAll,
  atStart,
  examBank,
  getAttempt,
  readySitting,
  staffMember,
  start,
  submitRequest,
  type ExamBank,
  type Person,
} from '../factories/sittings';
import { request, type TestApp } from '../helpers/app';
import { examSuite } from '../helpers/exam-suite';
import {
  auditEntries,
  expectConflict,
  expectInvalid,
  expectNotFound,
  expectNothingWritten,
  expectOkJson,
} from '../helpers/exam';
import { findLeaks } from '../helpers/secrets';

let t: TestApp;
let admin: Person;
let bank: ExamBank;
let examiner: Person;
let second: Person;

examSuite((suite) => ({ t, admin, bank } = suite));
beforeAll(async () => {
  examiner = await staffMember(t, 'examiner');
  second = await staffMember(t, 'examiner');
});

const q = (i: number) => bank.questions[i]!;
const queue = (who: Person, status = 'pending') =>
  expectOkJson<QueueGroup[]>(t, who, `/api/appeals/queue?status=${status}`);

/**
 * Each test works on its own bank, so that appeals, decisions and rulings of one test are never
 * another's: a ruling reaches every attempt that carried the version, in any sitting.
 */
async function freshBank(): Promise<ExamBank> {
  bank = await examBank(t);
  // Fresh examiners too: their sessions would not outlive the clock's days of sittings.
  examiner = await staffMember(t, 'examiner');
  second = await staffMember(t, 'examiner');
  return bank;
}

describe('filing an appeal', () => {
  let sat: SatSitting;
  beforeAll(async () => {
    await freshBank();
    sat = await satSitting(t, admin, bank, { candidates: 3 });
  });

  it('accepts an appeal against an item of my own paper, with its number on my paper', async () => {
    const [first, secondCandidate] = sat.candidates;
    // Question 0 is item 1 on variant 0 and item 2 on variant 1.
    const mine = await fileAppeal(t, first!, first!.attemptId, q(0).versionId);
    expect(mine).toMatchObject({ number: 1, status: 'pending', decision: null, sittingCode: sat.sitting.code });
    const theirs = await fileAppeal(t, secondCandidate!, secondCandidate!.attemptId, q(0).versionId);
    expect(theirs.number).toBe(2);
    expect((await myAppeals(t, first!)).map((a) => a.id)).toEqual([mine.id]);
    expect(await auditEntries(t, 'appeal.filed', mine.id)).toHaveLength(1);
  });

  it('refuses a second appeal against the same item, and changes nothing', async () => {
    const candidate = sat.candidates[2]!;
    await fileAppeal(t, candidate, candidate.attemptId, q(0).versionId);
    const again = await expectNothingWritten(t, [candidate.cookie], () =>
      fileAppealRequest(t, candidate, candidate.attemptId, q(0).versionId, 'Once more, with another reason.'),
    );
    expectConflict(again, 'appeal.exists');
  });

  it('refuses an item that is not on my paper (400 versionId not_on_paper)', async () => {
    const candidate = sat.candidates[0]!;
    // Variant 0 carries questions 0, 1, 3, 4: not question 2.
    const response = await expectNothingWritten(t, [candidate.cookie], () =>
      fileAppealRequest(t, candidate, candidate.attemptId, q(2).versionId),
    );
    expectInvalid(response, 'versionId', 'not_on_paper');
  });

  it("does not reach another candidate's attempt (404)", async () => {
    const [first, other] = sat.candidates;
    const response = await expectNothingWritten(t, [other!.cookie], () =>
      fileAppealRequest(t, other!, first!.attemptId, q(1).versionId),
    );
    expectNotFound(response);
  });

  it('refuses an appeal before publication and after the window closes (409)', async () => {
    const unpublished = await satSitting(t, admin, bank, { candidates: 1, window: false });
    const candidate = unpublished.candidates[0]!;
    expectConflict(
      await expectNothingWritten(t, [candidate.cookie], () =>
        fileAppealRequest(t, candidate, candidate.attemptId, q(1).versionId),
      ),
      'results.not_published',
    );

    const late = sat.candidates[1]!;
    await closeAppealWindow(t, sat.sitting.id);
    expectConflict(
      await expectNothingWritten(t, [late.cookie], () => fileAppealRequest(t, late, late.attemptId, q(4).versionId)),
      'appeal.window_closed',
    );
  });
});

describe('the queue', () => {
  it('groups every appeal against one version together, with each candidate’s item number', async () => {
    await freshBank();
    const sat = await satSitting(t, admin, bank, { candidates: 4 });
    const other = await satSitting(t, admin, bank, { candidates: 2, variantOffset: 2 });
    // Question 3: item 3 on variant 0, 4 on variants 1 and 2, 3 on variant 3.
    const filed = [
      ...sat.candidates.map((c) => ({ c, sitting: sat.sitting.code })),
      ...other.candidates.map((c) => ({ c, sitting: other.sitting.code })),
    ];
    for (const { c } of filed) await fileAppeal(t, c, c.attemptId, q(3).versionId);
    await fileAppeal(t, sat.candidates[0]!, sat.candidates[0]!.attemptId, q(0).versionId);

    const groups = await queue(examiner);
    const group = groups.find((g) => g.versionId === q(3).versionId)!;
    expect(group).toMatchObject({
      questionId: q(3).questionId,
      type: 'single',
      text: q(3).draft.content.text,
      key: q(3).key,
      decision: null,
    });
    expect(group.options.map((o) => o.id)).toEqual(['a', 'b', 'c', 'd']);
    const numbers = Object.fromEntries(group.appeals.map((a) => [`${a.sittingCode}/${a.candidateCode}`, a.number]));
    const at = (sitting: string, c: { booking: { candidateCode: string } }) => `${sitting}/${c.booking.candidateCode}`;
    expect(numbers).toEqual({
      [at(sat.sitting.code, sat.candidates[0]!)]: 3,
      [at(sat.sitting.code, sat.candidates[1]!)]: 4,
      [at(sat.sitting.code, sat.candidates[2]!)]: 4,
      [at(sat.sitting.code, sat.candidates[3]!)]: 3,
      [at(other.sitting.code, other.candidates[0]!)]: 4,
      [at(other.sitting.code, other.candidates[1]!)]: 3,
    });
    expect(groups.find((g) => g.versionId === q(0).versionId)!.appeals).toHaveLength(1);
    // An administrator reads the same queue.
    expect((await queue(admin)).map((g) => g.versionId)).toEqual(groups.map((g) => g.versionId));
  });
});

describe('deciding', () => {
  it('rejects with a written reason, final at once, and every appellant reads it with the name and role', async () => {
    await freshBank();
    const sat = await satSitting(t, admin, bank, { candidates: 3 });
    for (const c of sat.candidates.slice(0, 2)) await fileAppeal(t, c, c.attemptId, q(1).versionId);
    const reason = 'The key is right: article 12 says so, and option b contradicts it.';
    const response = await decideRequest(t, examiner, q(1).versionId, { outcome: 'reject', reason });
    expect(response.statusCode, response.body).toBe(200);
    const decision = response.json<DecisionView>();
    expect(decision).toMatchObject({ outcome: 'reject', status: 'final', confirmedBy: null, rescoringJobId: null });

    for (const c of sat.candidates.slice(0, 2)) {
      const [appeal] = await myAppeals(t, c);
      expect(appeal).toMatchObject({
        status: 'rejected',
        decision: { outcome: 'reject', reason, decidedBy: { name: examiner.fullName, role: 'examiner' } },
      });
    }
    expect(await myAppeals(t, sat.candidates[2]!)).toEqual([]);
    expect(await auditEntries(t, 'appeal.decided', decision.id)).toHaveLength(1);
    expect((await queue(examiner)).some((g) => g.versionId === q(1).versionId)).toBe(false);
    const decided = (await queue(examiner, 'decided')).find((g) => g.decision?.id === decision.id)!;
    expect(decided.appeals).toHaveLength(2);
    // Nothing was ruled and nothing is re-scored.
    expect(
      await t.database.db
        .select()
        .from(itemRulings)
        .where(eq(itemRulings.versionId, q(1).versionId)),
    ).toEqual([]);
  });

  it('upholds only with a second examiner: the decider cannot confirm (403), another can', async () => {
    await freshBank();
    const sat = await satSitting(t, admin, bank, { candidates: 4 });
    const appellants = sat.candidates.slice(0, 3);
    for (const c of appellants) await fileAppeal(t, c, c.attemptId, q(0).versionId);
    const reason = 'Options a and b are both right as written: the item is annulled.';
    const decided = await decideRequest(t, examiner, q(0).versionId, { outcome: 'annul', reason });
    expect(decided.statusCode, decided.body).toBe(200);
    const decision = decided.json<DecisionView>();
    expect(decision.status).toBe('awaiting-confirmation');

    // Not yet final: the appellants see no decision, and nothing is ruled.
    expect((await myAppeals(t, appellants[0]!))[0]).toMatchObject({ status: 'pending', decision: null });
    const pending = (await queue(second)).find((g) => g.versionId === q(0).versionId)!;
    expect(pending.decision).toMatchObject({ id: decision.id, status: 'awaiting-confirmation' });
    expectConflict(
      await decideRequest(t, second, q(0).versionId, { outcome: 'reject', reason: 'A competing decision.' }),
      'decision.awaiting_confirmation',
    );

    const own = await expectNothingWritten(t, [examiner.cookie], () => confirmRequest(t, examiner, decision.id));
    expect(own.statusCode, own.body).toBe(403);
    expect(own.json().error.code).toBe('FORBIDDEN');

    const confirmed = await confirmRequest(t, second, decision.id);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const final = confirmed.json<DecisionView>();
    expect(final).toMatchObject({ status: 'final', confirmedBy: { id: second.id, name: second.fullName } });
    expect(final.rescoringJobId).toEqual(expect.any(String));

    for (const c of appellants) {
      const [appeal] = await myAppeals(t, c);
      expect(appeal).toMatchObject({
        status: 'upheld',
        decision: {
          outcome: 'annul',
          reason,
          decidedBy: { name: examiner.fullName, role: 'examiner' },
          confirmedBy: { name: second.fullName, role: 'examiner' },
        },
      });
      expect(
        findLeaks(
          appeal,
          q(0).secretTexts.map((text) => ({ text, what: 'a secret text' })),
        ),
      ).toEqual([]);
    }
    expectConflict(await confirmRequest(t, admin, decision.id), 'decision.final');
    expectConflict(
      await decideRequest(t, examiner, q(0).versionId, { outcome: 'reject', reason: 'No appeal is left to decide.' }),
      'appeal.none_pending',
    );

    // The ruling is published in the log; the re-scoring is queued, not run in the request.
    const [ruling] = await t.database.db.select().from(itemRulings).where(eq(itemRulings.decisionId, decision.id));
    expect(ruling).toMatchObject({ kind: 'annul', versionId: q(0).versionId });
    const entry = await request(t.app, { method: 'GET', url: `/api/log/entries/${ruling!.logIndex}` });
    expect(entry.json().entry).toMatchObject({ type: 'item.annulled', versionId: q(0).versionId });
    const [job] = await t.database.db.select().from(rescoringJobs).where(eq(rescoringJobs.id, final.rescoringJobId!));
    // Variants 0, 1 and 2 carry question 0; variant 3 does not.
    expect(job).toMatchObject({ status: 'queued', total: 3, processed: 0 });
    expect(await auditEntries(t, 'appeal.confirmed', decision.id)).toHaveLength(1);
  });

  it('publishes a corrected key with the version id and the new key', async () => {
    await freshBank();
    const sat = await satSitting(t, admin, bank, { candidates: 1 });
    await fileAppeal(t, sat.candidates[0]!, sat.candidates[0]!.attemptId, q(1).versionId);
    const key = { type: 'single', correct: ['b'] };
    const final = await upheld(t, examiner, admin, q(1).versionId, {
      outcome: 'correct-key',
      reason: 'The key was mistyped: option b is the right one.',
      key,
    });
    expect(final).toMatchObject({ status: 'final', key, confirmedBy: { name: admin.fullName, role: 'administrator' } });
    const [ruling] = await t.database.db.select().from(itemRulings).where(eq(itemRulings.decisionId, final.id));
    const entry = await request(t.app, { method: 'GET', url: `/api/log/entries/${ruling!.logIndex}` });
    expect(entry.json().entry).toMatchObject({ type: 'key.changed', versionId: q(1).versionId, key });
    // The queue now shows the key in force.
    const group = (await queue(examiner, 'decided')).find((g) => g.decision?.id === final.id)!;
    expect(group.key).toEqual(key);
  });

  it('checks the key a decision puts in force, naming the field, and changes nothing', async () => {
    await freshBank();
    const sat = await satSitting(t, admin, bank, { candidates: 1 });
    const c = sat.candidates[0]!;
    // Variant 0 carries 0, 1 (logic, single) and 3 (single), 4 (multiple).
    await fileAppeal(t, c, c.attemptId, q(1).versionId);
    await fileAppeal(t, c, c.attemptId, q(4).versionId);
    const reason = 'A reason long enough to be read.';
    const cases: [string, Record<string, unknown>, string, string][] = [
      [q(1).versionId, { outcome: 'correct-key', reason }, 'key', 'required'],
      [q(1).versionId, { outcome: 'annul', reason, key: { type: 'single', correct: ['b'] } }, 'key', 'not_allowed'],
      [
        q(1).versionId,
        { outcome: 'correct-key', reason, key: { type: 'multiple', correct: ['b'], scoring: 'partial' } },
        'key.type',
        'mismatch',
      ],
      [
        q(1).versionId,
        { outcome: 'correct-key', reason, key: { type: 'single', correct: ['z'] } },
        'key.correct',
        'unknown_option',
      ],
      [q(1).versionId, { outcome: 'correct-key', reason, key: q(1).key }, 'key', 'unchanged'],
      [
        q(1).versionId,
        { outcome: 'accept-answer', reason, key: { type: 'single', correct: ['b'] } },
        'outcome',
        'not_for_type',
      ],
      [
        q(4).versionId,
        { outcome: 'correct-key', reason, key: { type: 'multiple', correct: ['a', 'a'], scoring: 'all-or-nothing' } },
        'key.correct',
        'duplicate',
      ],
    ];
    for (const [versionId, body, field, code] of cases) {
      const response = await expectNothingWritten(t, [examiner.cookie], () =>
        decideRequest(t, examiner, versionId, body),
      );
      expectInvalid(response, field, code);
    }
    expectNotFound(
      await decideRequest(t, examiner, '00000000-0000-4000-8000-000000000000', { outcome: 'reject', reason }),
    );
  });

  it('accepts an additional answer to a short-answer item only as an extension of the accepted answers', async () => {
    await freshBank();
    // Variant 2 carries question 5, the short-answer item.
    const sat = await satSitting(t, admin, bank, { candidates: 1, variantOffset: 2 });
    const c = sat.candidates[0]!;
    await fileAppeal(t, c, c.attemptId, q(5).versionId);
    const current = q(5).key;
    if (current.type !== 'short') throw new Error('question 5 is the short-answer item');
    const reason = 'The city is also known by its historical name.';
    const narrowed = { ...current, accepted: [{ az: 'Başqa' }] };
    expectInvalid(
      await decideRequest(t, examiner, q(5).versionId, { outcome: 'accept-answer', reason, key: narrowed }),
      'key.accepted',
      'must_extend',
    );
    const extended = { ...current, accepted: [...current.accepted, { az: 'bilmirəm' }] };
    const final = await upheld(t, examiner, second, q(5).versionId, {
      outcome: 'accept-answer',
      reason,
      key: extended,
    });
    expect(final).toMatchObject({ outcome: 'accept-answer', key: extended, status: 'final' });
  });
});

describe('scoring after a ruling', () => {
  it('scores an attempt finalised after the ruling by the rulings in force', async () => {
    await freshBank();
    const appealed = await satSitting(t, admin, bank, { candidates: 1 });
    const c = appealed.candidates[0]!;
    await fileAppeal(t, c, c.attemptId, q(0).versionId);

    // A later sitting with the same item, still under way when the ruling is made.
    const { sitting, candidates } = await readySitting(t, admin, bank, { candidates: 1 });
    const late = candidates[0]!;
    await setVariant(t, bank, late.attemptId, 0);
    atStart(t, sitting, 60_000);
    await start(t, late);
    const view = await getAttempt(t, late, late.attemptId);
    // Wrong on everything: only the annulled item (awarded to all by the blueprint) earns a point.
    await answerAll(t, late, view, bank, (question) => question.wrong);

    await upheld(t, examiner, second, q(0).versionId, {
      outcome: 'annul',
      reason: 'The item has two right answers: annulled for everyone.',
    });
    const submitted = await submitRequest(t, late, late.attemptId);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const [row] = await t.database.db.select().from(attempts).where(eq(attempts.id, late.attemptId));
    const item = row!.result!.items.find((i) => i.versionId === q(0).versionId)!;
    expect(item).toMatchObject({ outcome: 'annulled', points: 1 });
    expect(row!.result!.points).toBe(1);
  });
});

describe('authorisation', () => {
  it('lets an applicant read only their own appeals', async () => {
    await freshBank();
    const sat = await satSitting(t, admin, bank, { candidates: 2 });
    const [a, b] = sat.candidates;
    await fileAppeal(t, a!, a!.attemptId, q(1).versionId);
    expect(await myAppeals(t, b!)).toEqual([]);
    const rows = await t.database.db
      .select()
      .from(appeals)
      .where(and(eq(appeals.userId, a!.id), eq(appeals.versionId, q(1).versionId)));
    expect(rows).toHaveLength(1);
  });

  it('keeps the queue and decisions from applicants', async () => {
    const sat = await satSitting(t, admin, bank, { candidates: 1 });
    const c = sat.candidates[0]!;
    expect((await request(t.app, { method: 'GET', url: '/api/appeals/queue', cookie: c.cookie })).statusCode).toBe(403);
    const response = await expectNothingWritten(t, [c.cookie], () =>
      decideRequest(t, c, q(1).versionId, { outcome: 'reject', reason: 'I reject my own appeal.' }),
    );
    expect(response.statusCode).toBe(403);
  });
});
