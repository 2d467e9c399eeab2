import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { attempts } from '../../db/schema/index';
import type {
  AnnulmentAppealStaffView,
  AnnulmentAppealView,
  AnnulmentStanding,
} from '../../server/modules/appeals/annulment-appeals.schemas';
import { postAs } from '../factories/calls';
import {
  finishedSitting,
  publicResults,
  publishResults,
  signedInAgain,
  type FinishedSitting,
} from '../factories/results';
import { staffMember, type ExamBank, type Person } from '../factories/sittings';
import { request, type TestApp } from '../helpers/app';
import { examSuite } from '../helpers/exam-suite';
import {
  auditEntries,
  expectConflict,
  expectInvalid,
  expectNotFound,
  expectNothingWritten,
  expectOkJson,
  HOUR,
} from '../helpers/exam';

let t: TestApp;
let admin: Person;
let bank: ExamBank;

examSuite((suite) => ({ t, admin, bank } = suite));

const REASON = 'I did not use a phone: the invigilator mistook my calculator for one.';
const UPHOLD = 'The recording shows a calculator, allowed in this room; the annulment is lifted.';
const REJECT = 'Two invigilators saw the phone in use; the annulment stands.';

const standing = (who: Person, attemptId: string) =>
  expectOkJson<AnnulmentStanding>(t, who, `/api/attempts/${attemptId}/annulment`);
const file = (who: Person, attemptId: string, payload: unknown) =>
  postAs(t, who, `/api/attempts/${attemptId}/annulment-appeal`, payload as Record<string, unknown>);
const decide = (who: Person, id: string, payload: unknown) =>
  postAs(t, who, `/api/admin/annulment-appeals/${id}/decision`, payload as Record<string, unknown>);
const queue = (who: Person, status: 'pending' | 'decided') =>
  expectOkJson<AnnulmentAppealStaffView[]>(t, who, `/api/admin/annulment-appeals?status=${status}`);

describe('appealing against an annulment', () => {
  let sat: FinishedSitting;
  let other: Person;
  beforeAll(async () => {
    // Candidate 0 sat; candidates 1 and 2 were annulled by `admin` mid-exam.
    sat = await finishedSitting(t, admin, bank, [{ correct: 3 }, 'annulled', 'annulled']);
    await publishResults(t, admin, sat.sitting.id);
    other = await staffMember(t, 'administrator');
  });

  it('tells an annulled candidate who annulled, why, and until when they may appeal', async () => {
    const annulled = sat.candidates[1]!;
    const view = await standing(annulled, annulled.attemptId);
    expect(view).toMatchObject({
      canAppeal: true,
      annulment: { reason: expect.stringContaining('phone'), by: { name: admin.fullName, role: 'administrator' } },
      appeals: [],
    });
    expect(new Date(view.appealUntil!).getTime()).toBeGreaterThan(t.clock.read().getTime());
    // Someone whose attempt stands has nothing to appeal.
    const sitter = sat.candidates[0]!;
    expect(await standing(sitter, sitter.attemptId)).toMatchObject({ annulment: null, canAppeal: false });
    expectConflict(await file(sitter, sitter.attemptId, { reason: REASON }), 'attempt.not_annulled');
    // Nor does anyone reach another candidate's attempt.
    expectNotFound(
      await request(t.app, {
        method: 'GET',
        url: `/api/attempts/${annulled.attemptId}/annulment`,
        cookie: sitter.cookie,
      }),
    );
    expectNotFound(
      await expectNothingWritten(t, [sitter.cookie], () => file(sitter, annulled.attemptId, { reason: REASON })),
    );
  });

  it('files once, with a reason of some length; bad input changes nothing', async () => {
    const annulled = sat.candidates[1]!;
    expectInvalid(
      await expectNothingWritten(t, [annulled.cookie], () => file(annulled, annulled.attemptId, { reason: 'no' })),
      'reason',
    );
    expectInvalid(await file(annulled, annulled.attemptId, {}), 'reason');
    expectInvalid(await file(annulled, annulled.attemptId, { reason: REASON, extra: 1 }), 'extra');
    expectInvalid(await file(annulled, 'not-a-uuid', { reason: REASON }), 'id');

    const filed = await file(annulled, annulled.attemptId, { reason: REASON });
    expect(filed.statusCode, filed.body).toBe(201);
    const appeal = filed.json<AnnulmentAppealView>();
    expect(appeal).toMatchObject({ status: 'pending', reason: REASON, decision: null, sittingCode: sat.sitting.code });
    expect(await auditEntries(t, 'annulment_appeal.filed', appeal.id)).toHaveLength(1);
    expectConflict(await file(annulled, annulled.attemptId, { reason: REASON }), 'appeal.exists');
    expect(await standing(annulled, annulled.attemptId)).toMatchObject({
      canAppeal: false,
      appeals: [{ id: appeal.id }],
    });
    // Staff cannot file; applicants cannot decide.
    expect((await file(admin, annulled.attemptId, { reason: REASON })).statusCode).toBe(403);
    expect((await decide(annulled, appeal.id, { outcome: 'uphold', reason: UPHOLD })).statusCode).toBe(403);
  });

  it('is decided by an administrator other than the one who annulled; upholding reinstates, scores and republishes', async () => {
    const annulled = sat.candidates[1]!;
    const [pending] = (await queue(other, 'pending')).filter((a) => a.attemptId === annulled.attemptId);
    expect(pending).toMatchObject({ candidateCode: annulled.booking.candidateCode, annulledById: admin.id });

    const own = await expectNothingWritten(t, [admin.cookie], () =>
      decide(admin, pending!.id, { outcome: 'uphold', reason: UPHOLD }),
    );
    expect(own.statusCode, own.body).toBe(403);
    expectInvalid(await decide(other, pending!.id, { outcome: 'maybe', reason: UPHOLD }), 'outcome');
    expectInvalid(await decide(other, pending!.id, { outcome: 'uphold', reason: 'ok' }), 'reason');

    const revisionBefore = (await publicResults(t, sat.sitting.id)).revision;
    // Two administrators at once: one decision stands, and the attempt is reinstated once.
    const third = await staffMember(t, 'administrator');
    const [a, b] = await Promise.all([
      decide(other, pending!.id, { outcome: 'uphold', reason: UPHOLD }),
      decide(third, pending!.id, { outcome: 'uphold', reason: UPHOLD }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const decided = (a.statusCode === 200 ? a : b).json<AnnulmentAppealStaffView>();
    const decider = a.statusCode === 200 ? other : third;
    expect(await auditEntries(t, 'annulment_appeal.decided', decided.id)).toHaveLength(1);
    expect(decided).toMatchObject({
      status: 'upheld',
      decision: { outcome: 'uphold', reason: UPHOLD, decidedBy: { name: decider.fullName } },
    });

    const [row] = await t.database.db.select().from(attempts).where(eq(attempts.id, annulled.attemptId));
    expect(row).toMatchObject({ status: 'submitted', annulledAt: null, annulReason: null, finalisedBy: 'deadline' });
    expect(row!.result).not.toBeNull();
    expect((await auditEntries(t, 'annulment_appeal.decided', decided.id))[0]!.details).toMatchObject({
      outcome: 'uphold',
      reinstatedAs: 'submitted',
    });
    // The candidate's result is now public in a new revision.
    const results = await publicResults(t, sat.sitting.id);
    expect(results.revision).toBe(revisionBefore + 1);
    expect(results.results.map((r) => r.candidateCode)).toContain(annulled.booking.candidateCode);
    const result = await request(t.app, {
      method: 'GET',
      url: `/api/attempts/${annulled.attemptId}/result`,
      cookie: annulled.cookie,
    });
    expect(result.json<{ status: string; score: unknown }>()).toMatchObject({
      status: 'submitted',
      score: expect.any(Object),
    });
    expectConflict(await decide(other, decided.id, { outcome: 'reject', reason: REJECT }), 'appeal.decided');
  });

  it('rejecting keeps the annulment, and the candidate reads why and from whom', async () => {
    const annulled = sat.candidates[2]!;
    const appeal = (await file(annulled, annulled.attemptId, { reason: REASON })).json<AnnulmentAppealView>();
    const rejected = await decide(other, appeal.id, { outcome: 'reject', reason: REJECT });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const [row] = await t.database.db.select().from(attempts).where(eq(attempts.id, annulled.attemptId));
    expect(row!.status).toBe('annulled');
    const view = await standing(annulled, annulled.attemptId);
    expect(view.canAppeal).toBe(false);
    expect(view.appeals[0]).toMatchObject({
      status: 'rejected',
      decision: { outcome: 'reject', reason: REJECT, decidedBy: { name: other.fullName, role: 'administrator' } },
    });
    expect((await queue(other, 'decided')).map((a) => a.id)).toContain(appeal.id);
  });

  it('refuses an appeal after its time, which is never shorter than the appeal days from the annulment', async () => {
    const late = await finishedSitting(t, admin, bank, ['annulled']);
    await publishResults(t, admin, late.sitting.id);
    t.clock.set(new Date(t.clock.read().getTime() + 4 * 24 * HOUR));
    const candidate = await signedInAgain(t, late.candidates[0]!);
    expect(await standing(candidate, candidate.attemptId)).toMatchObject({ canAppeal: false });
    expectConflict(
      await expectNothingWritten(t, [candidate.cookie], () => file(candidate, candidate.attemptId, { reason: REASON })),
      'appeal.window_closed',
    );
  });
});
