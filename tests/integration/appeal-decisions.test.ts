import { describe, expect, it } from 'vitest';
import type { VersionRecord } from '../../server/modules/appeals/appeals.schemas';
import { confirmRequest, decideRequest, fileAppeal, satSitting, type DecisionView } from '../factories/appeals';
import { postAs } from '../factories/calls';
import { examBank, staffMember, type ExamBank, type Person } from '../factories/sittings';
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

let t: TestApp;
let admin: Person;
let bank: ExamBank;
let examiner: Person;
let second: Person;

examSuite((suite) => ({ t, admin, bank } = suite));

const REASON = 'Options a and b are both right as written: annul the item.';
const DECLINE = 'Option b contradicts article 12: the key stands as it is.';

/** A fresh bank and examiners, a sitting sat by two, both appealing question `i`, and an upheld decision awaiting. */
async function awaiting(i = 0): Promise<{ decision: DecisionView; versionId: string }> {
  bank = await examBank(t);
  examiner = await staffMember(t, 'examiner');
  second = await staffMember(t, 'examiner');
  const sat = await satSitting(t, admin, bank, { candidates: 2 });
  const versionId = bank.questions[i]!.versionId;
  for (const c of sat.candidates) await fileAppeal(t, c, c.attemptId, versionId);
  const decided = await decideRequest(t, examiner, versionId, { outcome: 'annul', reason: REASON });
  expect(decided.statusCode, decided.body).toBe(200);
  return { decision: decided.json<DecisionView>(), versionId };
}

const close = (who: Person, id: string, how: 'decline' | 'withdraw', payload: unknown) =>
  postAs(t, who, `/api/appeal-decisions/${id}/${how}`, payload as Record<string, unknown>);

function record(who: Person, versionId: string): Promise<VersionRecord> {
  return expectOkJson<VersionRecord>(t, who, `/api/appeals/versions/${versionId}`);
}

describe('an upheld decision awaiting confirmation', () => {
  it('is shown on the version’s record first, with the appeals it would answer', async () => {
    const { decision, versionId } = await awaiting();
    const page = await record(second, versionId);
    expect(page.decisions[0]).toMatchObject({ id: decision.id, status: 'awaiting-confirmation', outcome: 'annul' });
    expect(page.appeals.map((a) => a.status)).toEqual(['pending', 'pending']);
    expect(page.rulings).toEqual([]);
    expect(page.key).toEqual(bank.questions[0]!.key);
    expectNotFound(
      await request(t.app, {
        method: 'GET',
        url: '/api/appeals/versions/00000000-0000-4000-8000-000000000000',
        cookie: second.cookie,
      }),
    );
  });

  it('a second examiner declines it with a reason: the appeals wait for a new decision', async () => {
    const { decision, versionId } = await awaiting();
    const own = await expectNothingWritten(t, [examiner.cookie], () =>
      close(examiner, decision.id, 'decline', { reason: DECLINE }),
    );
    expect(own.statusCode, own.body).toBe(403);
    expectInvalid(
      await expectNothingWritten(t, [second.cookie], () => close(second, decision.id, 'decline', { reason: 'no' })),
      'reason',
    );
    expectInvalid(await close(second, decision.id, 'decline', {}), 'reason');

    const declined = await close(second, decision.id, 'decline', { reason: DECLINE });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json<DecisionView>()).toMatchObject({
      status: 'declined',
      closedBy: { id: second.id, name: second.fullName, role: 'examiner' },
      closeReason: DECLINE,
      confirmedBy: null,
    });
    expect((await auditEntries(t, 'appeal.declined', decision.id))[0]!.details).toMatchObject({ reason: DECLINE });
    // Nothing reached the appellants, nothing was ruled, and it cannot be confirmed any more.
    expectConflict(await confirmRequest(t, admin, decision.id), 'decision.final');
    const page = await record(examiner, versionId);
    expect(page.rulings).toEqual([]);
    expect(page.appeals.every((a) => a.status === 'pending')).toBe(true);
    // The commission decides again, a minute later (the record lists decisions newest first).
    t.clock.set(new Date(t.clock.read().getTime() + 60_000));
    const again = await decideRequest(t, second, versionId, { outcome: 'reject', reason: DECLINE });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<DecisionView>().status).toBe('final');
    expect((await record(examiner, versionId)).decisions.map((d) => d.status)).toEqual(['final', 'declined']);
  });

  it('its decider withdraws it until it is confirmed; nobody else can', async () => {
    const { decision, versionId } = await awaiting();
    const other = await expectNothingWritten(t, [second.cookie], () =>
      close(second, decision.id, 'withdraw', { reason: 'Not mine to withdraw, but I try.' }),
    );
    expect(other.statusCode, other.body).toBe(403);
    const withdrawn = await close(examiner, decision.id, 'withdraw', { reason: 'I misread the item; deciding again.' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json<DecisionView>()).toMatchObject({ status: 'withdrawn', closedBy: { id: examiner.id } });
    expect(await auditEntries(t, 'appeal.withdrawn', decision.id)).toHaveLength(1);
    expectConflict(
      await close(examiner, decision.id, 'withdraw', { reason: 'Twice over, once more.' }),
      'decision.final',
    );

    // A confirmed decision can no longer be withdrawn or declined.
    const next = await decideRequest(t, examiner, versionId, { outcome: 'annul', reason: REASON });
    const id = next.json<DecisionView>().id;
    expect((await confirmRequest(t, second, id)).statusCode).toBe(200);
    expectConflict(await close(examiner, id, 'withdraw', { reason: 'Too late to take it back.' }), 'decision.final');
    expectConflict(await close(admin, id, 'decline', { reason: 'Too late to decline it now.' }), 'decision.final');
    const page = await record(second, versionId);
    expect(page.rulings).toEqual([expect.objectContaining({ kind: 'annul', decisionId: id })]);
    expect(page.appeals.every((a) => a.status === 'upheld')).toBe(true);
  });

  it('confirmed and declined at once: exactly one of them wins', async () => {
    const { decision } = await awaiting();
    const [confirmed, declined] = await Promise.all([
      confirmRequest(t, second, decision.id),
      close(admin, decision.id, 'decline', { reason: DECLINE }),
    ]);
    const statuses = [confirmed.statusCode, declined.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const page = await record(second, bank.questions[0]!.versionId);
    expect(page.rulings).toHaveLength(confirmed.statusCode === 200 ? 1 : 0);
  });

  it('an unknown decision is 404 and a malformed id 400', async () => {
    examiner = await staffMember(t, 'examiner');
    expectNotFound(await close(examiner, '00000000-0000-4000-8000-000000000000', 'withdraw', { reason: DECLINE }));
    expectInvalid(await close(examiner, 'not-a-uuid', 'decline', { reason: DECLINE }), 'id');
    expectInvalid(await close(examiner, '00000000-0000-4000-8000-000000000000', 'decline', { reason: 5 }), 'reason');
  });
});
