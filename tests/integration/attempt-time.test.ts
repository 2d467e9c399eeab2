import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attemptAnswers, attempts } from '../../db/schema/index';
import { postAs } from '../factories/calls';
import {
  answerAll,
  atStart,
  getAttempt,
  paperItems,
  readySitting,
  saveRequest,
  start,
  submitRequest,
  type Candidate,
  type ExamBank,
  type Person,
  type ResultView,
} from '../factories/sittings';
import type { SittingBody } from '../../server/modules/sittings/sittings.schemas';
import { request, type TestApp } from '../helpers/app';
import { examSuite } from '../helpers/exam-suite';
import { expectConflict, expectNothingWritten, MINUTE, ms } from '../helpers/exam';

/** DESIGN.md rule 1: the deadline is the server's, fixed at start; and rule 2's grace for writes in flight. */
let t: TestApp, admin: Person, bank: ExamBank;

examSuite((suite) => ({ t, admin, bank } = suite));

const SECOND = 1000;

async function candidate(options: { extraTimePercent?: number; overrides?: Partial<SittingBody> } = {}) {
  const { sitting, candidates } = await readySitting(t, admin, bank, { candidates: 1, overrides: options.overrides });
  const who = candidates[0]!;
  if (options.extraTimePercent !== undefined) {
    const granted = await request(t.app, {
      method: 'PUT',
      url: `/api/admin/bookings/${who.booking.id}/accommodation`,
      cookie: admin.cookie,
      payload: { extraTimePercent: options.extraTimePercent, reason: 'Tibbi arayış' },
    });
    expect(granted.statusCode, granted.body).toBe(200);
  }
  return { sitting, who };
}

async function storedDeadline(who: Candidate) {
  const [row] = await t.database.db.select().from(attempts).where(eq(attempts.id, who.attemptId));
  return row!.deadline!.getTime();
}

describe('the deadline', () => {
  it('is the start plus the duration', async () => {
    const { sitting, who } = await candidate();
    const at = atStart(t, sitting, 10 * MINUTE);
    const started = await start(t, who);
    expect(ms(started.deadline)).toBe(at.getTime() + 60 * MINUTE);
    expect(await storedDeadline(who)).toBe(ms(started.deadline));
    // It does not move as time passes or the paper is read again.
    t.clock.advance(17 * MINUTE);
    const view = await getAttempt(t, who, who.attemptId);
    expect(ms(view.deadline)).toBe(ms(started.deadline));
    expect(ms(view.serverNow)).toBe(t.clock.read().getTime());
  });

  it('adds the accommodation as a percentage of the duration', async () => {
    const startsAt = t.clock.read().getTime() + 3 * 60 * MINUTE;
    const { sitting, who } = await candidate({
      extraTimePercent: 25,
      // Entry closes 30 minutes after the start; 75 minutes from then honour the 60-minute test with +25 %.
      overrides: { endsAt: new Date(startsAt + 30 * MINUTE + 75 * MINUTE).toISOString() },
    });
    const at = atStart(t, sitting);
    const started = await start(t, who);
    expect(ms(started.deadline)).toBe(at.getTime() + 75 * MINUTE);
    expect((await getAttempt(t, who, who.attemptId)).deadline).toBe(started.deadline);
  });

  it('is never cut by the end: extra time the shift cannot honour is refused, naming the minutes', async () => {
    // The factory's shift leaves 60 minutes after entry closes: the 60-minute test and no more.
    const { sitting, who } = await candidate();
    const refused = await expectNothingWritten(t, [admin.cookie], () =>
      request(t.app, {
        method: 'PUT',
        url: `/api/admin/bookings/${who.booking.id}/accommodation`,
        cookie: admin.cookie,
        payload: { extraTimePercent: 50, reason: 'Tibbi arayış' },
      }),
    );
    expectConflict(refused, 'cuts_accommodation');
    const problem = refused.json<{ error: { fields: { field: string; message: string }[] } }>().error.fields[0]!;
    expect(problem.field).toBe('extraTimePercent');
    expect(problem.message).toContain('90');
    // The latest permitted start still gets the whole test.
    t.clock.set(new Date(sitting.entryClosesAt));
    const started = await start(t, who);
    expect(ms(started.deadline)).toBe(ms(sitting.entryClosesAt) + 60 * MINUTE);
    expect(ms(started.deadline)).toBeLessThanOrEqual(ms(sitting.endsAt));
  });

  it('with a shift made for it, a late start keeps every accommodated minute', async () => {
    const now = t.clock.read().getTime();
    const startsAt = now + 3 * 60 * MINUTE;
    const roomy = await candidate({
      extraTimePercent: 50,
      overrides: {
        bookingClosesAt: new Date(now + 2 * 60 * MINUTE).toISOString(),
        startsAt: new Date(startsAt).toISOString(),
        entryClosesAt: new Date(startsAt + 15 * MINUTE).toISOString(),
        endsAt: new Date(startsAt + 15 * MINUTE + 90 * MINUTE).toISOString(),
      },
    });
    t.clock.set(new Date(roomy.sitting.entryClosesAt));
    const started = await start(t, roomy.who);
    expect(ms(started.deadline)).toBe(startsAt + 15 * MINUTE + 90 * MINUTE);
    expect(await storedDeadline(roomy.who)).toBe(ms(started.deadline));
  });
});

describe('writes near the deadline', () => {
  it('accepts them within the grace period, refuses them after it, and scores what was acknowledged', async () => {
    const { sitting, who } = await candidate();
    atStart(t, sitting);
    const started = await start(t, who);
    const view = await getAttempt(t, who, who.attemptId);
    expect(view.graceSeconds).toBe(5);
    const items = paperItems(view);
    await answerAll(t, who, view, bank, (q) => q.wrong);
    const deadline = ms(started.deadline);

    // In flight when time ran out: still acknowledged, and so it counts.
    t.clock.set(new Date(deadline + 1 * SECOND));
    const late = [];
    for (const item of items.slice(0, 3)) {
      const response = await saveRequest(t, who, who.attemptId, {
        versionId: item.versionId,
        seq: 2,
        answer: bank.byVersion.get(item.versionId)!.correct,
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().applied).toBe(true);
      late.push(item.versionId);
    }
    t.clock.set(new Date(deadline + 4 * SECOND));
    const lastInGrace = await saveRequest(t, who, who.attemptId, {
      versionId: items[3]!.versionId,
      seq: 2,
      answer: bank.byVersion.get(items[3]!.versionId)!.correct,
    });
    expect(lastInGrace.statusCode, lastInGrace.body).toBe(200);

    t.clock.set(new Date(deadline + 6 * SECOND));
    const refused = await expectNothingWritten(t, [who.cookie], () =>
      saveRequest(t, who, who.attemptId, {
        versionId: items[0]!.versionId,
        seq: 3,
        answer: bank.byVersion.get(items[0]!.versionId)!.wrong,
      }),
    );
    expectConflict(refused, 'attempt.deadline_passed');
    const stored = await t.database.db.select().from(attemptAnswers).where(eq(attemptAnswers.attemptId, who.attemptId));
    expect(stored.map((a) => a.seq)).toEqual([2, 2, 2, 2]);

    const submitted = await submitRequest(t, who, who.attemptId);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const final = submitted.json<ResultView>();
    expect(final.status).toBe('submitted');
    expect(final.score).toMatchObject({ points: 4, passed: true });
  });

  it('follows an extension: writes are accepted until the new deadline plus grace', async () => {
    const { sitting, who } = await candidate();
    atStart(t, sitting);
    const started = await start(t, who);
    const view = await getAttempt(t, who, who.attemptId);
    const item = paperItems(view)[0]!;
    const extended = await postAs(t, admin, `/api/admin/attempts/${who.attemptId}/extend`, {
      minutes: 15,
      reason: 'Elektrik kəsildi',
    });
    expect(extended.statusCode, extended.body).toBe(200);
    t.clock.set(new Date(ms(started.deadline) + 10 * MINUTE));
    const within = await saveRequest(t, who, who.attemptId, {
      versionId: item.versionId,
      seq: 1,
      answer: bank.byVersion.get(item.versionId)!.correct,
    });
    expect(within.statusCode, within.body).toBe(200);
    t.clock.set(new Date(ms(started.deadline) + 15 * MINUTE + 6 * SECOND));
    expectConflict(
      await saveRequest(t, who, who.attemptId, { versionId: item.versionId, seq: 2, answer: null }),
      'attempt.deadline_passed',
    );
  });
});
