import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attempts, essayMarkings, essayScripts } from '../../db/schema/index';
import { reconcile } from '../../server/core/marking/index';
import type { MarkerQueue, MarkerScript, PlanView, WrittenView } from '../../server/modules/marking/marking.schemas';
import { getAs, okBody, postAs } from '../factories/calls';
import { createPlan, markingTeam, marks, writtenSitting, type WrittenSitting } from '../factories/marking';
import { applicant, getAttempt, paperItems, type Person } from '../factories/sittings';
import { request } from '../helpers/app';
import { auditEntries, expectConflict, expectInvalid } from '../helpers/exam';

let w: WrittenSitting;
let markers: Person[];
let chief: Person;
let outsider: Person;
let plan: PlanView;

const get = <T>(who: Person, url: string, status = 200) =>
  getAs(w.t, who, url).then((r) => okBody<T>(r, status, `GET ${url}`));
const queueOf = (who: Person) => get<MarkerQueue>(who, '/api/marking/scripts');
const scriptFor = (who: Person, code: string) => get<MarkerScript>(who, `/api/marking/scripts/${code}`);
const markRequest = (who: Person, code: string, body: unknown) =>
  postAs(w.t, who, `/api/marking/scripts/${code}/marks`, body as Record<string, unknown>);

beforeAll(async () => {
  w = await writtenSitting(4);
  ({ markers, chief, outsider } = await markingTeam(w.t));
}, 120_000);
afterAll(() => w.t.close());

describe('an essay in the exam room and its immediate result', () => {
  it('shows the essay with its asked-for length, saves it through the same autosave, and leaves it pending', async () => {
    const candidate = w.candidates[0]!;
    const view = await getAttempt(w.t, candidate, candidate.attemptId);
    const essay = paperItems(view).find((i) => i.type === 'essay')!;
    expect(essay.expectedLength).toEqual({ minWords: 150, maxWords: 300 });
    expect(essay.options).toEqual([]);
    expect(view.answers.find((a) => a.versionId === essay.versionId)?.answer).toEqual({
      kind: 'text',
      text: w.essays.get(candidate.attemptId),
    });
    const [row] = await w.t.database.db.select().from(attempts).where(eq(attempts.id, candidate.attemptId));
    const item = row!.result!.items.find((i) => i.versionId === essay.versionId)!;
    expect(item).toMatchObject({ outcome: 'pending', points: 0, maxPoints: 0 });
    expect(row!.result!.maxPoints).toBe(1);
  });
});

describe('the marking plan', () => {
  it('refuses bad plans, naming the field, and changes nothing', async () => {
    const url = `/api/admin/sittings/${w.sitting.id}/marking`;
    expectInvalid(
      await postAs(w.t, w.admin, url, {
        markerIds: [markers[0]!.id, markers[1]!.id],
        chiefId: markers[0]!.id,
        threshold: 3,
        rule: 'chief',
      }),
      'chiefId',
      'is_marker',
    );
    const someone = await applicant(w.t);
    expectInvalid(
      await postAs(w.t, w.admin, url, {
        markerIds: [markers[0]!.id, someone.id],
        chiefId: chief.id,
        threshold: 3,
        rule: 'chief',
      }),
      'markerIds.1',
      'not_staff',
    );
    expectInvalid(
      await postAs(w.t, w.admin, url, { markerIds: [markers[0]!.id], chiefId: chief.id, threshold: 3, rule: 'chief' }),
      'markerIds',
    );
    expectInvalid(
      await postAs(w.t, w.admin, url, {
        markerIds: markers.map((m) => m.id),
        chiefId: chief.id,
        threshold: 3,
        rule: 'median',
      }),
      'rule',
    );
    expect(await w.t.database.db.select().from(essayScripts)).toHaveLength(0);
    expect(
      (
        await postAs(w.t, markers[0]!, url, {
          markerIds: markers.map((m) => m.id),
          chiefId: chief.id,
          threshold: 3,
          rule: 'chief',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('publishes the rule in the log and gives every script two different markers', async () => {
    plan = await createPlan(w.t, w.admin, w.sitting.id, {
      markerIds: markers.map((m) => m.id),
      chiefId: chief.id,
      threshold: 3,
      rule: 'closest-pair',
    });
    expect(plan.plan).toMatchObject({ threshold: 3, rule: 'closest-pair', chief: { id: chief.id } });
    expect(plan.scripts).toHaveLength(4);
    for (const s of plan.scripts) expect(s.code).toMatch(/^S-[0-9A-Z]{8}$/);
    const entry = await get<{ entryText: string }>(w.admin, `/api/log/entries/${plan.plan!.logIndex}`);
    expect(JSON.parse(entry.entryText)).toMatchObject({
      type: 'marking.plan_published',
      threshold: 3,
      rule: 'closest-pair',
    });
    const queues = await Promise.all(markers.map(queueOf));
    const assigned = queues.flatMap((q) => q.scripts.map((s) => s.code));
    expect(assigned).toHaveLength(8);
    for (const s of plan.scripts) expect(assigned.filter((c) => c === s.code)).toHaveLength(2);
    for (const q of queues) expect(new Set(q.scripts.map((s) => s.code)).size).toBe(q.scripts.length);
    expect((await queueOf(chief)).scripts).toEqual([]);
    expect(await auditEntries(w.t, 'marking.plan_set', w.sitting.id)).toHaveLength(1);
    expectConflict(
      await postAs(w.t, w.admin, `/api/admin/sittings/${w.sitting.id}/marking`, {
        markerIds: markers.map((m) => m.id),
        chiefId: chief.id,
        threshold: 5,
        rule: 'chief',
      }),
      'marking.plan_exists',
    );
  });
});

describe('blind marking', () => {
  it("shows a marker the task, the rubric and the text, never the candidate's identity", async () => {
    const [code] = (await queueOf(markers[0]!)).scripts.map((s) => s.code);
    const script = await scriptFor(markers[0]!, code!);
    expect(script.rubric.map((c) => c.id)).toEqual(['content', 'language']);
    expect(script.maxPoints).toBe(20);
    expect([...w.essays.values()]).toContain(script.text);
    const body = JSON.stringify(script);
    for (const c of w.candidates) {
      expect(body).not.toContain(c.fullName);
      expect(body).not.toContain(c.booking.candidateCode);
      expect(body).not.toContain(c.attemptId);
      expect(body).not.toContain(c.id);
    }
  });

  it('hides a script from a marker it was not handed to, and from applicants', async () => {
    const code = plan.scripts[0]!.code;
    expect(
      (await request(w.t.app, { method: 'GET', url: `/api/marking/scripts/${code}`, cookie: outsider.cookie }))
        .statusCode,
    ).toBe(404);
    expect((await markRequest(outsider, code, marks(5, 5))).statusCode).toBe(404);
    const candidate = w.candidates[0]!;
    expect(
      (await request(w.t.app, { method: 'GET', url: `/api/marking/scripts/${code}`, cookie: candidate.cookie }))
        .statusCode,
    ).toBe(403);
  });

  it('refuses an incomplete or out-of-range marking, naming the field', async () => {
    const code = (await queueOf(markers[0]!)).scripts[0]!.code;
    expectInvalid(
      await markRequest(markers[0]!, code, { criteria: [marks(5, 5).criteria[0]] }),
      'criteria',
      'incomplete',
    );
    expectInvalid(await markRequest(markers[0]!, code, marks(11, 5)), 'criteria.0.points', 'too_large');
    expectInvalid(
      await markRequest(markers[0]!, code, {
        criteria: [...marks(5, 5).criteria, { criterionId: 'style', points: 1, justification: 'Üslub.' }],
      }),
      'criteria.2.criterionId',
      'unknown',
    );
    expectInvalid(
      await markRequest(markers[0]!, code, { criteria: [{ ...marks(5, 5).criteria[0]!, justification: '' }] }),
      'criteria.0.justification',
    );
    expect(await w.t.database.db.select().from(essayMarkings)).toHaveLength(0);
  });

  it('reconciles close markings at once, sends distant ones to the chief, and the rule gives the final mark', async () => {
    const holders = async (code: string) => {
      const out: Person[] = [];
      for (const m of markers) if ((await queueOf(m)).scripts.some((s) => s.code === code)) out.push(m);
      return out;
    };
    const [agreed, distant, third, fourth] = plan.scripts.map((s) => s.code) as [string, string, string, string];

    const [a1, a2] = await holders(agreed);
    const receipt = okBody<{ logIndex: number; commitment: string; total: number }>(
      await markRequest(a1!, agreed, marks(5, 5)),
      200,
      'mark',
    );
    expect(receipt.total).toBe(10);
    const entry = await get<{ entryText: string }>(w.admin, `/api/log/entries/${receipt.logIndex}`);
    expect(JSON.parse(entry.entryText)).toMatchObject({
      type: 'marking.committed',
      scriptCode: agreed,
      commitment: receipt.commitment,
    });
    // The second marker sees only their own (empty) marking, never the first one's.
    const seen = await scriptFor(a2!, agreed);
    expect(seen.myMarking).toBeNull();
    expect(JSON.stringify(seen)).not.toContain('Məzmun qiymətləndirildi');
    expectConflict(await markRequest(a1!, agreed, marks(6, 6)), 'marking.entered');
    okBody(await markRequest(a2!, agreed, marks(6, 6)), 200, 'mark');

    const [d1, d2] = await holders(distant);
    okBody(await markRequest(d1!, distant, marks(2, 3)), 200, 'mark');
    okBody(await markRequest(d2!, distant, marks(8, 7)), 200, 'mark');
    const chiefQueue = await queueOf(chief);
    expect(chiefQueue.scripts.map((s) => [s.code, s.role])).toEqual([[distant, 'chief']]);
    const chiefView = await scriptFor(chief, distant);
    expect(chiefView.myMarking).toBeNull();
    expect(JSON.stringify(chiefView)).not.toContain('qiymətləndirildi');
    okBody(await markRequest(chief, distant, marks(6, 7)), 200, 'chief marks');

    for (const code of [third, fourth]) {
      const [x, y] = await holders(code);
      okBody(await markRequest(x!, code, marks(7, 8)), 200, 'mark');
      okBody(await markRequest(y!, code, marks(8, 8)), 200, 'mark');
    }

    const view = await get<PlanView>(w.admin, `/api/admin/sittings/${w.sitting.id}/marking`);
    const byCode = new Map(view.scripts.map((s) => [s.code, s]));
    expect(byCode.get(agreed)).toMatchObject({ status: 'final', finalPoints: 11, finalHow: 'agreed', markings: 2 });
    // 5 and 15 are 10 apart; the chief's 13 is nearer 15: the mean of 13 and 15.
    expect(byCode.get(distant)).toMatchObject({
      status: 'final',
      finalPoints: 14,
      finalHow: 'closest-pair',
      markings: 3,
    });
    expect(view.agreement.length).toBeGreaterThanOrEqual(2);
    expect(view.agreement.reduce((n, r) => n + r.scripts, 0)).toBe(8);
  });

  it('reproduces every stored final mark from the stored markings and the published rule', async () => {
    const scripts = await w.t.database.db.select().from(essayScripts).where(eq(essayScripts.sittingId, w.sitting.id));
    const markings = await w.t.database.db.select().from(essayMarkings);
    for (const script of scripts) {
      const own = markings.filter((m) => m.scriptId === script.id);
      const result = reconcile({
        double: own.filter((m) => m.role !== 'chief').map((m) => m.total),
        chief: own.find((m) => m.role === 'chief')?.total,
        threshold: plan.plan!.threshold,
        rule: plan.plan!.rule,
      });
      expect(result).toMatchObject({ status: 'final', points: Number(script.finalPoints) });
    }
  });

  it('keeps markings final: the database refuses to change one', async () => {
    await expect(w.t.database.db.execute(sql`update essay_markings set total = 20`)).rejects.toThrow();
    await expect(w.t.database.db.execute(sql`delete from essay_markings`)).rejects.toThrow();
  });
});

describe("the candidate's view and the reveal", () => {
  it('shows the script but no marks or markers before the reveal', async () => {
    const candidate = w.candidates[0]!;
    const view = await get<WrittenView>(candidate, `/api/attempts/${candidate.attemptId}/written`);
    expect(view.revealed).toBe(false);
    expect(view.scripts).toHaveLength(1);
    expect(view.scripts[0]!.text).toBe(w.essays.get(candidate.attemptId));
    expect(view.scripts[0]).toMatchObject({ finalPoints: null, markings: [], rubric: null });
    for (const m of [...markers, chief]) expect(JSON.stringify(view)).not.toContain(m.fullName);
    const other = w.candidates[1]!;
    expect(
      (
        await request(w.t.app, {
          method: 'GET',
          url: `/api/attempts/${other.attemptId}/written`,
          cookie: candidate.cookie,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('gives the stage each candidate’s final written mark', async () => {
    const final = await w.t.services.marking.finalMarks(w.sitting.id);
    expect(final).toHaveLength(4);
    for (const mark of final) {
      expect(mark).toMatchObject({ complete: true, maxPoints: 20 });
      expect(w.candidates.map((c) => c.booking.candidateCode)).toContain(mark.candidateCode);
    }
  });

  it('after the reveal shows each marking with its marker’s name and role', async () => {
    expect((await postAs(w.t, markers[0]!, `/api/admin/sittings/${w.sitting.id}/marking/reveal`)).statusCode).toBe(403);
    okBody(await postAs(w.t, w.admin, `/api/admin/sittings/${w.sitting.id}/marking/reveal`), 200, 'reveal');
    okBody(await postAs(w.t, w.admin, `/api/admin/sittings/${w.sitting.id}/marking/reveal`), 200, 'reveal again');
    expect(await auditEntries(w.t, 'marking.revealed', w.sitting.id)).toHaveLength(1);
    for (const candidate of w.candidates) {
      const view = await get<WrittenView>(candidate, `/api/attempts/${candidate.attemptId}/written`);
      expect(view.revealed).toBe(true);
      const script = view.scripts[0]!;
      expect(script.finalPoints).not.toBeNull();
      expect(script.rubric?.map((c) => c.id)).toEqual(['content', 'language']);
      expect(script.markings.length).toBeGreaterThanOrEqual(2);
      for (const m of script.markings) {
        expect([...markers, chief].map((p) => p.fullName)).toContain(m.markerName);
        expect(m.criteria).toHaveLength(2);
      }
    }
  });
});
