import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { essayMarkingAppealDecisions, essayMarkingAppeals, essayScripts, notices } from '../../db/schema/index';
import { scoreCommitment } from '../../server/core/score-commitment';
import type { MarkingAppealCase, MarkingAppealQueue } from '../../server/modules/marking/marking-appeals.schemas';
import type {
  MarkerQueue,
  MarkingAppealView,
  PlanView,
  WrittenView,
} from '../../server/modules/marking/marking.schemas';
import { getAs, okBody, postAs } from '../factories/calls';
import {
  createPlan,
  markingTeam,
  marks,
  writeAndSubmit,
  writtenSitting,
  type WrittenSitting,
} from '../factories/marking';
import { staffMember, type Candidate, type Person } from '../factories/sittings';
import { openSession } from '../factories/sessions';
import { auditEntries, expectConflict, expectInvalid, expectNotFound } from '../helpers/exam';

/**
 * Late scripts and appeals against a marking (issue 18): a script submitted after the plan is handed out
 * under it, the reveal waiting for it; then a candidate appeals a script's marking within the window, and
 * a marker who did not mark it decides, blind, once.
 */

let w: WrittenSitting;
let markers: Person[];
let chief: Person;
let outsider: Person;
let other: Person;
let plan: PlanView;
/** Each candidate's script code, read from their own written view. */
const codeOf = new Map<string, string>();
/** The candidates after the reveal, the one whose script the chief marked third first. */
let order: Candidate[] = [];

const get = <T>(who: Person, url: string, status = 200) =>
  getAs(w.t, who, url).then((r) => okBody<T>(r, status, `GET ${url}`));
const raw = (who: Person, url: string) => getAs(w.t, who, url);
const queueOf = (who: Person) => get<MarkerQueue>(who, '/api/marking/scripts');
const planOf = () => get<PlanView>(w.admin, `/api/admin/sittings/${w.sitting.id}/marking`);
const written = (c: Candidate) => get<WrittenView>(c, `/api/attempts/${c.attemptId}/written`);
const appeal = (c: Candidate, body: unknown) =>
  postAs(w.t, c, `/api/attempts/${c.attemptId}/written/appeals`, body as Record<string, unknown>);
const decide = (who: Person, code: string, body: unknown) =>
  postAs(w.t, who, `/api/marking/appeals/${code}/decision`, body as Record<string, unknown>);
const REASON = 'The second criterion was marked without reading my last paragraph.';
const holders = async (code: string) => {
  const out: Person[] = [];
  for (const m of markers) if ((await queueOf(m)).scripts.some((s) => s.code === code)) out.push(m);
  return out;
};
const appealRows = () => w.t.database.db.select().from(essayMarkingAppeals);
const decisionRows = () => w.t.database.db.select().from(essayMarkingAppealDecisions);

beforeAll(async () => {
  // Six candidates; the last two have not started when the plan is published.
  w = await writtenSitting(6, { late: 2 });
  ({ markers, chief, outsider } = await markingTeam(w.t));
  other = await staffMember(w.t, 'administrator');
}, 180_000);
afterAll(() => w.t.close());

describe('a late script', () => {
  it('is not silently left out: the plan counts it, the stage waits for it, the reveal refuses', async () => {
    plan = await createPlan(w.t, w.admin, w.sitting.id, {
      markerIds: markers.map((m) => m.id),
      chiefId: chief.id,
      threshold: 3,
      rule: 'closest-pair',
    });
    expect(plan.scripts).toHaveLength(4);
    expect(plan.late).toBe(0);
    const late = w.candidates[4]!;
    await writeAndSubmit(w.t, late, w.essays);
    expect((await planOf()).late).toBe(1);
    const marksNow = await w.t.services.marking.finalMarks(w.sitting.id);
    expect(marksNow.find((m) => m.attemptId === late.attemptId)).toMatchObject({
      complete: false,
      points: null,
      candidateCode: late.booking.candidateCode,
    });

    // The four planned scripts are marked; the first needs the chief.
    const codes = plan.scripts.map((s) => s.code);
    for (const [i, code] of codes.entries()) {
      const [a, b] = await holders(code);
      okBody(
        await postAs(w.t, a!, `/api/marking/scripts/${code}/marks`, i === 0 ? marks(2, 3) : marks(6, 6)),
        200,
        'm',
      );
      okBody(
        await postAs(w.t, b!, `/api/marking/scripts/${code}/marks`, i === 0 ? marks(8, 7) : marks(7, 6)),
        200,
        'm',
      );
    }
    okBody(await postAs(w.t, chief, `/api/marking/scripts/${codes[0]}/marks`, marks(6, 7)), 200, 'chief');
    expectConflict(
      await postAs(w.t, w.admin, `/api/admin/sittings/${w.sitting.id}/marking/reveal`),
      'marking.late_scripts',
    );
  });

  it('is handed to two markers by the plan’s rotation, its code published in the log; once', async () => {
    const url = `/api/admin/sittings/${w.sitting.id}/marking/late`;
    expect((await postAs(w.t, markers[0]!, url)).statusCode).toBe(403);
    const before = (await Promise.all(markers.map(queueOf))).map((q) => q.scripts.length);
    const view = okBody<PlanView>(await postAs(w.t, w.admin, url), 200, 'hand out late');
    expect(view.late).toBe(0);
    expect(view.scripts).toHaveLength(5);
    const added = view.scripts.find((s) => !plan.scripts.some((p) => p.code === s.code))!;
    expect(added.code).toMatch(/^S-[0-9A-Z]{8}$/);
    const after = (await Promise.all(markers.map(queueOf))).map((q) => q.scripts.length);
    // 4 planned scripts gave 8 assignments over 3 markers (3, 3, 2); the fifth goes on with the rotation.
    expect(after.reduce((a, b) => a + b, 0) - before.reduce((a, b) => a + b, 0)).toBe(2);
    const [a, b] = await holders(added.code);
    expect(a && b && a.id !== b.id).toBe(true);
    expect(Math.max(...after) - Math.min(...after)).toBeLessThanOrEqual(1);
    const [audit] = await auditEntries(w.t, 'marking.scripts_added', w.sitting.id);
    const entry = await get<{ entryText: string }>(
      w.admin,
      `/api/log/entries/${(audit!.details as { logIndex: number }).logIndex}`,
    );
    expect(JSON.parse(entry.entryText)).toMatchObject({ type: 'marking.scripts_added', scripts: [added.code] });
    expectConflict(await postAs(w.t, w.admin, url), 'marking.no_late_scripts');

    okBody(await postAs(w.t, a!, `/api/marking/scripts/${added.code}/marks`, marks(5, 5)), 200, 'm');
    okBody(await postAs(w.t, b!, `/api/marking/scripts/${added.code}/marks`, marks(5, 6)), 200, 'm');
    const final = await w.t.services.marking.finalMarks(w.sitting.id);
    expect(final).toHaveLength(5);
    expect(final.every((m) => m.complete)).toBe(true);
  });
});

describe('an appeal against a marking', () => {
  it('is refused before the reveal', async () => {
    const c = w.candidates[0]!;
    const view = await written(c);
    expect(view).toMatchObject({ revealed: false, appealOpen: false, appealUntil: null });
    codeOf.set(c.attemptId, view.scripts[0]!.code);
    expectConflict(await appeal(c, { scriptCode: view.scripts[0]!.code, reason: REASON }), 'marking.not_revealed');
  });

  it('opens for the sitting’s appeal days after the reveal', async () => {
    okBody(await postAs(w.t, w.admin, `/api/admin/sittings/${w.sitting.id}/marking/reveal`), 200, 'reveal');
    const revealedAt = new Date((await planOf()).plan!.revealedAt!).getTime();
    for (const c of w.candidates.slice(0, 5)) {
      const view = await written(c);
      codeOf.set(c.attemptId, view.scripts[0]!.code);
      expect(view.appealOpen).toBe(true);
      // The sitting's appeal days (3 by default), as for an appeal against an item.
      expect(new Date(view.appealUntil!).getTime() - revealedAt).toBe(3 * 86_400_000);
      expect(view.scripts[0]!.appeal).toBeNull();
    }
    const chiefs = w.candidates.find((c) => codeOf.get(c.attemptId) === plan.scripts[0]!.code)!;
    order = [chiefs, ...w.candidates.slice(0, 5).filter((c) => c !== chiefs)];
  });

  it('waits for a late script handed out after the reveal to have its final mark', async () => {
    const late = w.candidates[5]!;
    await writeAndSubmit(w.t, late, w.essays);
    const view = okBody<PlanView>(
      await postAs(w.t, w.admin, `/api/admin/sittings/${w.sitting.id}/marking/late`),
      200,
      'hand out after the reveal',
    );
    expect(view.scripts).toHaveLength(6);
    const code = (await written(late)).scripts[0]!.code;
    expectConflict(await appeal(late, { scriptCode: code, reason: REASON }), 'marking.unfinished');
    expect(await appealRows()).toHaveLength(0);
  });

  it('refuses bad input, naming the field, and writes nothing', async () => {
    const c = order[0]!;
    const code = codeOf.get(c.attemptId)!;
    expectInvalid(await appeal(c, { scriptCode: code, reason: 'too short' }), 'reason');
    expectInvalid(await appeal(c, { scriptCode: code, reason: `   short   ${' '.repeat(20)}` }), 'reason', 'minLength');
    expectInvalid(await appeal(c, { scriptCode: code, reason: 'x'.repeat(4_001) }), 'reason');
    expectInvalid(await appeal(c, { scriptCode: code, reason: 42 }), 'reason');
    expectInvalid(await appeal(c, { scriptCode: 's-lower', reason: REASON }), 'scriptCode');
    expectInvalid(await appeal(c, { reason: REASON }), 'scriptCode');
    expectInvalid(await appeal(c, { scriptCode: code }), 'reason');
    expectInvalid(await appeal(c, { scriptCode: code, reason: REASON, extra: 1 }), 'extra');
    // Another candidate's script is not theirs to appeal.
    expectInvalid(
      await appeal(c, { scriptCode: codeOf.get(order[1]!.attemptId)!, reason: REASON }),
      'scriptCode',
      'unknown',
    );
    expectNotFound(
      await postAs(w.t, c, `/api/attempts/${order[1]!.attemptId}/written/appeals`, {
        scriptCode: codeOf.get(order[1]!.attemptId)!,
        reason: REASON,
      }),
    );
    expect((await postAs(w.t, outsider, `/api/attempts/${c.attemptId}/written/appeals`, {})).statusCode).toBe(403);
    expect(await appealRows()).toHaveLength(0);
  });

  it('is filed once per script: a second, or two at once, is 409', async () => {
    const c = order[0]!;
    const code = codeOf.get(c.attemptId)!;
    const filed = okBody<MarkingAppealView>(
      await appeal(c, { scriptCode: code, reason: `  ${REASON}  ` }),
      201,
      'file',
    );
    expect(filed).toMatchObject({ scriptCode: code, reason: REASON, decision: null });
    expectConflict(await appeal(c, { scriptCode: code, reason: REASON }), 'marking.appeal_exists');
    expect(await auditEntries(w.t, 'marking.appeal_filed', w.sitting.id)).toHaveLength(1);

    const d = order[1]!;
    const both = await Promise.all([
      appeal(d, { scriptCode: codeOf.get(d.attemptId)!, reason: REASON }),
      appeal(d, { scriptCode: codeOf.get(d.attemptId)!, reason: `${REASON} (again)` }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await appealRows()).toHaveLength(2);
    const e = order[2]!;
    okBody(await appeal(e, { scriptCode: codeOf.get(e.attemptId)!, reason: REASON }), 201, 'file');
  });

  it('holds the candidate’s written mark while it awaits its decision', async () => {
    const final = await w.t.services.marking.finalMarks(w.sitting.id);
    for (const c of order.slice(0, 3))
      expect(final.find((m) => m.attemptId === c.attemptId)).toMatchObject({ complete: false, points: null });
    expect(final.find((m) => m.attemptId === order[3]!.attemptId)?.complete).toBe(true);
  });
});

describe('deciding an appeal', () => {
  it('is offered to, and open to, only staff who marked none of the script', async () => {
    const code = codeOf.get(order[0]!.attemptId)!;
    const [a, b] = await holders(code);
    // The first script went to the chief: he marked it too.
    for (const own of [a!, b!, chief]) {
      const queue = await get<MarkingAppealQueue>(own, '/api/marking/appeals');
      expect(queue.appeals.map((x) => x.code)).not.toContain(code);
      expect((await raw(own, `/api/marking/appeals/${code}`)).statusCode).toBe(403);
      expect(
        (await decide(own, code, { outcome: 'rejected', reason: 'The marking stands as it is.' })).statusCode,
      ).toBe(403);
    }
    const queue = await get<MarkingAppealQueue>(outsider, '/api/marking/appeals');
    expect(queue.appeals.map((x) => x.code)).toEqual(expect.arrayContaining([code]));
    expect(queue.appeals.every((x) => x.outcome === null)).toBe(true);
    expect((await raw(order[0]!, '/api/marking/appeals')).statusCode).toBe(403);
    expect((await raw(order[0]!, `/api/marking/appeals/${code}`)).statusCode).toBe(403);
    expectNotFound(await raw(outsider, `/api/marking/appeals/${codeOf.get(order[3]!.attemptId)}`));
    expect(await decisionRows()).toHaveLength(0);
  });

  it('shows the decider the script, the markings by role and the reason, never the candidate or the markers', async () => {
    const c = order[0]!;
    const code = codeOf.get(c.attemptId)!;
    const view = await get<MarkingAppealCase>(outsider, `/api/marking/appeals/${code}`);
    expect(view).toMatchObject({ code, maxPoints: 20, appeal: { reason: REASON, decision: null } });
    expect(view.text).toBe(w.essays.get(c.attemptId));
    expect(view.markings.map((m) => m.role).sort()).toEqual(['chief', 'first', 'second']);
    expect(view.rubric.map((r) => r.id)).toEqual(['content', 'language']);
    const body = JSON.stringify(view);
    for (const x of w.candidates) {
      expect(body).not.toContain(x.fullName);
      expect(body).not.toContain(x.booking.candidateCode);
      expect(body).not.toContain(x.attemptId);
      expect(body).not.toContain(x.id);
    }
    for (const m of [...markers, chief]) {
      expect(body).not.toContain(m.fullName);
      expect(body).not.toContain(m.id);
    }
    // Nor through the candidate's or the administrator's routes.
    expect((await raw(outsider, `/api/attempts/${c.attemptId}/written`)).statusCode).toBe(403);
    expect((await raw(outsider, `/api/admin/sittings/${w.sitting.id}/marking`)).statusCode).toBe(403);
  });

  it('refuses a bad decision, naming the field, and writes nothing', async () => {
    const code = codeOf.get(order[0]!.attemptId)!;
    const reason = 'The last paragraph answers the letter fully.';
    const upheld = (criteria: unknown) => decide(outsider, code, { outcome: 'upheld', reason, criteria });
    expectInvalid(await decide(outsider, code, { outcome: 'upheld', reason }), 'criteria', 'required');
    expectInvalid(
      await upheld([
        { criterionId: 'content', points: 11 },
        { criterionId: 'language', points: 5 },
      ]),
      'criteria.0.points',
      'too_large',
    );
    expectInvalid(await upheld([{ criterionId: 'content', points: 5 }]), 'criteria', 'incomplete');
    expectInvalid(
      await upheld([
        { criterionId: 'content', points: 5 },
        { criterionId: 'style', points: 1 },
      ]),
      'criteria.1.criterionId',
      'unknown',
    );
    expectInvalid(
      await upheld([
        { criterionId: 'content', points: 5 },
        { criterionId: 'content', points: 5 },
      ]),
      'criteria.1.criterionId',
      'duplicate',
    );
    expectInvalid(await upheld([{ criterionId: 'content', points: -1 }]), 'criteria.0.points');
    expectInvalid(await upheld([{ criterionId: 'content', points: 2.5 }]), 'criteria.0.points');
    expectInvalid(await upheld([]), 'criteria');
    expectInvalid(
      await decide(outsider, code, { outcome: 'rejected', reason, criteria: [{ criterionId: 'content', points: 1 }] }),
      'criteria',
      'not_expected',
    );
    expectInvalid(await decide(outsider, code, { outcome: 'maybe', reason }), 'outcome');
    expectInvalid(await decide(outsider, code, { outcome: 'rejected', reason: 'short' }), 'reason');
    expectInvalid(
      await decide(outsider, code, { outcome: 'rejected', reason: `${' '.repeat(12)}ab` }),
      'reason',
      'minLength',
    );
    expectInvalid(await decide(outsider, code, { outcome: 'rejected' }), 'reason');
    expectNotFound(await decide(outsider, 'S-NOSUCH00', { outcome: 'rejected', reason }));
    expect(await decisionRows()).toHaveLength(0);
    const [script] = await w.t.database.db.select().from(essayScripts).where(eq(essayScripts.code, code));
    expect(script!.finalHow).toBe('closest-pair');
  });

  it('upheld: the new marks give the final mark, committed to the log, audited and told; final', async () => {
    const c = order[0]!;
    const code = codeOf.get(c.attemptId)!;
    const [before] = await w.t.database.db.select().from(essayScripts).where(eq(essayScripts.code, code));
    const criteria = [
      { criterionId: 'language', points: 9 },
      { criterionId: 'content', points: 9 },
    ];
    const reason = 'The last paragraph answers the letter fully; both criteria deserve more.';
    const decided = okBody<MarkingAppealCase>(
      await decide(outsider, code, { outcome: 'upheld', reason, criteria }),
      200,
      'decide',
    );
    expect(decided.finalPoints).toBe(18);
    expect(decided.finalHow).toBe('appeal');
    expect(decided.appeal.decision).toMatchObject({
      outcome: 'upheld',
      reason,
      previousPoints: Number(before!.finalPoints),
      finalPoints: 18,
      decidedByMe: true,
      decidedBy: { name: outsider.fullName, role: 'examiner' },
      criteria: [
        { criterionId: 'content', points: 9 },
        { criterionId: 'language', points: 9 },
      ],
    });
    const [row] = await decisionRows();
    const entry = await get<{ entryText: string }>(w.admin, `/api/log/entries/${row!.logIndex}`);
    const logged = JSON.parse(entry.entryText) as Record<string, unknown>;
    expect(logged).toMatchObject({
      type: 'marking.appeal_decided',
      scriptCode: code,
      outcome: 'upheld',
      deciderId: outsider.id,
      previousPoints: Number(before!.finalPoints),
      finalPoints: 18,
      commitment: scoreCommitment({ content: 9, language: 9 }, row!.salt!),
    });
    expect(entry.entryText).not.toContain(c.booking.candidateCode);
    expect(await auditEntries(w.t, 'marking.appeal_decided', w.sitting.id)).toHaveLength(1);
    const told = await w.t.database.db.select().from(notices).where(eq(notices.userId, c.id));
    expect(told.filter((n) => n.kind === 'marking-appeal-decided')).toHaveLength(1);

    expectConflict(await decide(other, code, { outcome: 'rejected', reason }), 'marking.appeal_decided');
    const final = await w.t.services.marking.finalMarks(w.sitting.id);
    expect(final.find((m) => m.attemptId === c.attemptId)).toMatchObject({ complete: true, points: 18 });
    const queue = await get<MarkingAppealQueue>(outsider, '/api/marking/appeals');
    expect(queue.appeals.find((x) => x.code === code)?.outcome).toBe('upheld');
  });

  it('shows the candidate the appeal, the decision and the decider’s name and role', async () => {
    const c = order[0]!;
    const view = await written(c);
    expect(view.scripts[0]!.finalPoints).toBe(18);
    expect(view.scripts[0]!.appeal).toMatchObject({
      reason: REASON,
      decision: { outcome: 'upheld', finalPoints: 18, decidedBy: { name: outsider.fullName, role: 'examiner' } },
    });
    // Another candidate sees nothing of it.
    expect(JSON.stringify(await written(order[3]!))).not.toContain(REASON);
  });

  it('decided by two at once: one decision, the other 409; rejected, the mark stands', async () => {
    const d = order[1]!;
    const code = codeOf.get(d.attemptId)!;
    const [before] = await w.t.database.db.select().from(essayScripts).where(eq(essayScripts.code, code));
    const deciders = [outsider, other];
    const both = await Promise.all(
      deciders.map((who) =>
        decide(who, code, { outcome: 'rejected', reason: 'Both markings follow the rubric closely.' }),
      ),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const [after] = await w.t.database.db.select().from(essayScripts).where(eq(essayScripts.code, code));
    expect(after!.finalPoints).toBe(before!.finalPoints);
    expect(after!.finalHow).toBe(before!.finalHow);
    const view = await written(d);
    expect(view.scripts[0]!.appeal?.decision).toMatchObject({
      outcome: 'rejected',
      criteria: null,
      finalPoints: Number(before!.finalPoints),
    });
    expect(await decisionRows()).toHaveLength(2);
    const rejected = (await decisionRows()).find((r) => r.outcome === 'rejected')!;
    const entry = await get<{ entryText: string }>(w.admin, `/api/log/entries/${rejected.logIndex}`);
    expect(JSON.parse(entry.entryText)).toMatchObject({ type: 'marking.appeal_decided', outcome: 'rejected' });
    expect(JSON.parse(entry.entryText)).not.toHaveProperty('commitment');
  });

  it('closes with the window; appeals and decisions cannot be changed', async () => {
    const e = order[3]!;
    const view = await written(e);
    w.t.clock.set(new Date(new Date(view.appealUntil!).getTime()));
    // Three days on, a session of that day.
    e.cookie = await openSession(w.t, e.id);
    expectConflict(
      await appeal(e, { scriptCode: codeOf.get(e.attemptId)!, reason: REASON }),
      'marking.appeal_window_closed',
    );
    expect((await written(e)).appealOpen).toBe(false);
    await expect(
      w.t.database.db.execute(sql`update essay_marking_appeals set reason = 'changed later'`),
    ).rejects.toThrow();
    await expect(w.t.database.db.execute(sql`delete from essay_marking_appeal_decisions`)).rejects.toThrow();
    await expect(
      w.t.database.db.execute(sql`update essay_marking_appeal_decisions set outcome = 'upheld'`),
    ).rejects.toThrow();
  });
});
