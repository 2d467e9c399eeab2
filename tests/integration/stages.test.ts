import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogEntryValidator } from '../../server/core/log-entry-schema';
import { weightedScore } from '../../server/core/ranking';
import type { ApplicationStages, RoundStages, StagePreview } from '../../server/modules/competitions/stages.schemas';
import { okBody } from '../factories/calls';
import {
  DAY,
  HOUR,
  addVacancy,
  announceRequest,
  apply,
  certifiedApplicants,
  createAgency,
  createRound,
  score,
  setPanel,
  setSlot,
  vacancyBody,
  type ApplicationView,
  draftVacancy,
  roundStagesRequest,
} from '../factories/competitions';
import { allSignedInAgain, verifiedEntry } from '../factories/results';
import { EXAM_ENV, examBank, lenientBlueprint, staffMember, type ExamBank, type Person } from '../factories/sittings';
import { createTestApp, request, type TestApp } from '../helpers/app';
import { auditEntries, expectConflict, expectInvalid } from '../helpers/exam';

let t: TestApp;
let admin: Person;
let examiners: Person[];
let candidates: Person[];
let bank: ExamBank;
let roundId: string;
let vacancyId: string;
let deadline: Date;
let applications: ApplicationView[];

/** Test points out of 4: 100, 75, 75, 25, 50 on the 0–100 scale. */
const PLANS = [{ correct: 4 }, { correct: 3 }, { correct: 3 }, { correct: 1 }, { correct: 2 }];

/** Test, interview, commission: the test's top 2 (a tie at the limit lets the group through), then the interview
 * at 50 or more, then the commission's one place on the combined score. */
const STAGES = [
  { kind: 'test', weight: 1, top: { kind: 'number', value: 2 }, ties: 'include' },
  { kind: 'interview', weight: 1, minScore: 50, ties: 'include' },
  { kind: 'commission', weight: 0, top: { kind: 'number', value: 1 }, ties: 'exclude' },
];

const stagesRequest = (stages: unknown[], id = roundId) => roundStagesRequest(t, admin, id, stages);
const previewRequest = (position: number) =>
  request(t.app, { method: 'GET', url: `/api/admin/vacancies/${vacancyId}/stages/${position}`, cookie: admin.cookie });
const advanceRequest = (position: number, who: Person = admin) =>
  request(t.app, {
    method: 'POST',
    url: `/api/admin/vacancies/${vacancyId}/stages/${position}/advance`,
    cookie: who.cookie,
  });
const ownStages = async (who: Person, applicationId: string) => {
  const response = await request(t.app, {
    method: 'GET',
    url: `/api/applications/${applicationId}/stages`,
    cookie: who.cookie,
  });
  return okBody<ApplicationStages>(response, 200, 'own stages');
};
const code = (i: number) => applications[i]!.candidateCode;

const signInAll = async () =>
  ({ admin, examiners, candidates } = await allSignedInAgain(t, { admin, examiners, candidates }));

beforeAll(async () => {
  t = await createTestApp(EXAM_ENV);
  admin = await staffMember(t, 'administrator');
  examiners = [await staffMember(t, 'examiner'), await staffMember(t, 'examiner')];
  // Every section's minimum at 0 and a pass at 1 of 4, so that each of the five holds a certificate.
  bank = await examBank(t, lenientBlueprint('Stages test'));
  candidates = await certifiedApplicants(t, admin, bank, PLANS);
  ({ roundId, vacancyId } = await draftVacancy(t, admin));
}, 180_000);
afterAll(() => t.close());

describe('configuring stages', () => {
  it('refuses a stage list that does not make sense, naming the field, and changes nothing', async () => {
    expectInvalid(await stagesRequest([{ kind: 'commission', weight: 1, ties: 'include' }]), 'stages.0.kind');
    expectInvalid(await stagesRequest([{ kind: 'written', weight: 1, ties: 'include' }]), 'stages.0.blueprintId');
    expectInvalid(
      await stagesRequest([
        { kind: 'written', weight: 1, ties: 'include', blueprintId: '00000000-0000-4000-8000-000000000000' },
      ]),
      'stages.0.blueprintId',
      'unknown',
    );
    expectInvalid(
      await stagesRequest([{ kind: 'test', weight: 1, ties: 'include', top: { kind: 'share', value: 150 } }]),
      'stages.0.top.value',
    );
    expectInvalid(await stagesRequest([{ kind: 'test', weight: 0, ties: 'include' }]), 'stages.0.weight');
    expectInvalid(
      await stagesRequest([
        { kind: 'test', weight: 0, ties: 'include' },
        { kind: 'commission', weight: 0, ties: 'include' },
      ]),
      'stages.1.kind',
    );
    expectInvalid(await stagesRequest([{ kind: 'test', weight: 1, ties: 'maybe' }]), 'stages.0.ties');
    const now = await request(t.app, {
      method: 'GET',
      url: `/api/admin/rounds/${roundId}/stages`,
      cookie: admin.cookie,
    });
    expect(okBody<RoundStages>(now, 200, 'stages').stages).toEqual([]);
  });

  it('sets a draft round’s ordered stages with their gates and weights, audited', async () => {
    const set = okBody<RoundStages>(await stagesRequest(STAGES), 200, 'set stages');
    expect(set.stages.map((s) => [s.position, s.kind, s.weight])).toEqual([
      [1, 'test', 1],
      [2, 'interview', 1],
      [3, 'commission', 0],
    ]);
    expect(set.stages[0]!.top).toEqual({ kind: 'number', value: 2 });
    expect(set.stages[1]!.minScore).toBe(50);
    expect((await auditEntries(t, 'round.stages_set', roundId)).length).toBe(1);
    // Not public before the announcement.
    const hidden = await request(t.app, { method: 'GET', url: `/api/competitions/rounds/${roundId}/stages` });
    expect(hidden.statusCode).toBe(404);
  });

  it('publishes the stages with the round, and refuses any change after', async () => {
    const announced = okBody<{ logIndex: number; leafHash: string }>(
      await announceRequest(t, admin, roundId),
      200,
      'announce',
    );
    const entry = await verifiedEntry(t, announced);
    expect(createLogEntryValidator()(entry)).toEqual([]);
    expect(entry.stages).toEqual([
      {
        position: 1,
        kind: 'test',
        blueprintId: null,
        weight: 1,
        minScore: null,
        top: { kind: 'number', value: 2 },
        ties: 'include',
      },
      { position: 2, kind: 'interview', blueprintId: null, weight: 1, minScore: 50, top: null, ties: 'include' },
      {
        position: 3,
        kind: 'commission',
        blueprintId: null,
        weight: 0,
        minScore: null,
        top: { kind: 'number', value: 1 },
        ties: 'exclude',
      },
    ]);
    expectConflict(await stagesRequest([]), 'round.announced');
    await expect(
      t.database.db.execute(sql`UPDATE round_stages SET weight = 5 WHERE round_id = ${roundId}`),
    ).rejects.toThrow();
    await expect(t.database.db.execute(sql`DELETE FROM round_stages WHERE round_id = ${roundId}`)).rejects.toThrow();
    applications = [];
    for (const who of candidates) applications.push(await apply(t, who, vacancyId));
    deadline = new Date(applications[0]!.vacancy.applicationDeadline);
  });
});

describe('advancing', () => {
  it('waits for the application deadline and for the stages in order', async () => {
    expect(okBody<StagePreview>(await previewRequest(1), 200, 'preview').waitingFor).toBe('stage.before_deadline');
    expectConflict(await advanceRequest(1), 'stage.before_deadline');
    expectConflict(await advanceRequest(2), 'stage.previous_pending');
    expect((await previewRequest(4)).statusCode).toBe(404);
  });

  it('previews the gate, then publishes who goes through with their scores, once', async () => {
    t.clock.set(new Date(deadline.getTime() + HOUR));
    await signInAll();
    const preview = okBody<StagePreview>(await previewRequest(1), 200, 'preview');
    expect(preview.state).toBe('ready');
    expect(preview.limit).toBe(2);
    // 100 first; the two at 75 tie across the limit of 2 and go through together; 50 and 25 stay.
    expect(preview.results.map((r) => [r.candidateCode, r.score, r.rank, r.advanced, r.reason])).toEqual([
      [code(0), 100, 1, true, 'passed'],
      ...[code(1), code(2)].sort().map((c) => [c, 75, 2, true, 'passed']),
      [code(4), 50, 4, false, 'outside_top'],
      [code(3), 25, 5, false, 'outside_top'],
    ]);
    expect((await auditEntries(t, 'stage.advanced', vacancyId)).length).toBe(0);

    expect((await advanceRequest(1, candidates[0]!)).statusCode).toBe(403);
    const advanced = okBody<StagePreview>(await advanceRequest(1), 200, 'advance');
    expect(advanced.state).toBe('advanced');
    expect(advanced.results).toEqual(preview.results);
    const entry = await verifiedEntry(t, { logIndex: advanced.logIndex!, leafHash: advanced.leafHash! });
    expect(createLogEntryValidator()(entry)).toEqual([]);
    expect(entry).toMatchObject({
      type: 'stage.advanced',
      vacancyCode: advanced.vacancy.code,
      stage: 1,
      kind: 'test',
      candidates: 5,
      withResult: 5,
    });
    expect(entry.advanced).toEqual(
      preview.results
        .filter((r) => r.advanced)
        .map((r) => ({ candidateCode: r.candidateCode, score: r.score, rank: r.rank })),
    );
    expect(JSON.stringify(entry)).not.toContain(candidates[0]!.fullName);
    expectConflict(await advanceRequest(1), 'stage.advanced');
    expect((await auditEntries(t, 'stage.advanced', vacancyId)).length).toBe(1);
    await expect(t.database.db.execute(sql`DELETE FROM stage_results`)).rejects.toThrow();
  });

  it('shows the list on the round’s public page, codes and scores only', async () => {
    const response = await request(t.app, { method: 'GET', url: `/api/competitions/rounds/${roundId}/stages` });
    const body = okBody<RoundStages>(response, 200, 'public stages');
    expect(body.lists).toHaveLength(1);
    expect(body.lists[0]!.advanced.map((a) => a.candidateCode).sort()).toEqual([code(0), code(1), code(2)].sort());
    for (const who of candidates) expect(response.body).not.toContain(who.fullName);
  });

  it('tells each applicant their own stage result and the reason, and no one else’s', async () => {
    const out = await ownStages(candidates[3]!, applications[3]!.id);
    expect(out).toEqual([
      expect.objectContaining({ position: 1, status: 'not_advanced', score: 25, rank: 5, reason: 'outside_top' }),
    ]);
    const through = await ownStages(candidates[0]!, applications[0]!.id);
    expect(through.map((s) => s.status)).toEqual(['advanced', 'pending', 'pending']);
    const other = await request(t.app, {
      method: 'GET',
      url: `/api/applications/${applications[0]!.id}/stages`,
      cookie: candidates[3]!.cookie,
    });
    expect(other.statusCode).toBe(404);
  });

  it('scores the interview stage from the panel, waiting until everyone through is scored', async () => {
    await setPanel(t, admin, vacancyId, [admin, ...examiners]);
    const interviewAt = new Date(deadline.getTime() + DAY);
    for (const [i, a] of applications.slice(0, 3).entries())
      await setSlot(t, admin, a.id, new Date(interviewAt.getTime() + i * HOUR));
    t.clock.set(new Date(interviewAt.getTime() + 4 * HOUR));
    await signInAll();
    const panel = [admin, ...examiners];
    // Out of 20: candidate 0 gets 8 (40), candidate 1 gets 16 (80), candidate 2 gets 14 (70).
    const totals = [
      [4, 4],
      [8, 8],
      [7, 7],
    ];
    for (const member of panel)
      for (const [c, [k, m]] of totals.entries()) {
        if (c === 2 && member.id === examiners[1]!.id) continue;
        await score(t, member, applications[c]!.id, k!, m!);
      }
    const waiting = okBody<StagePreview>(await previewRequest(2), 200, 'preview');
    expect(waiting.state).toBe('waiting');
    expect(waiting.missing).toEqual([code(2)]);
    expectConflict(await advanceRequest(2), 'stage.scores_missing');
    await score(t, examiners[1]!, applications[2]!.id, 7, 7);
    const advanced = okBody<StagePreview>(await advanceRequest(2), 200, 'advance');
    expect(advanced.results.map((r) => [r.candidateCode, r.score, r.advanced, r.reason])).toEqual([
      [code(1), 80, true, 'passed'],
      [code(2), 70, true, 'passed'],
      [code(0), 40, false, 'below_minimum'],
    ]);
    // Candidates who did not go through the test are not at this stage at all.
    expect(advanced.results.map((r) => r.candidateCode)).not.toContain(code(3));
    const own = await ownStages(candidates[0]!, applications[0]!.id);
    expect(own.map((s) => [s.status, s.reason])).toEqual([
      ['advanced', 'passed'],
      ['not_advanced', 'below_minimum'],
    ]);
  });

  it('ranks the commission stage by the stages’ published weights', async () => {
    const preview = okBody<StagePreview>(await previewRequest(3), 200, 'preview');
    const combined = (test: number, interview: number) =>
      weightedScore([
        { score: test, weight: 1 },
        { score: interview, weight: 1 },
      ]);
    expect(preview.results.map((r) => [r.candidateCode, r.score, r.advanced])).toEqual([
      [code(1), combined(75, 80), true],
      [code(2), combined(75, 70), false],
    ]);
    const advanced = okBody<StagePreview>(await advanceRequest(3), 200, 'advance');
    expect(advanced.results.filter((r) => r.advanced).map((r) => r.candidateCode)).toEqual([code(1)]);
    const body = okBody<RoundStages>(
      await request(t.app, { method: 'GET', url: `/api/competitions/rounds/${roundId}/stages` }),
      200,
      'public',
    );
    expect(body.lists.map((l) => [l.position, l.advanced.length])).toEqual([
      [1, 3],
      [2, 2],
      [3, 1],
    ]);
  });
});

describe('a test stage read from a blueprint’s sittings', () => {
  it('scores each candidate by their published result on a sitting of the blueprint', async () => {
    const agency = await createAgency(t, admin);
    const other = (await createRound(t, admin)).id;
    const vacancy = await addVacancy(
      t,
      admin,
      other,
      vacancyBody(t, agency.id, { applicationDeadline: new Date(t.clock.read().getTime() + DAY).toISOString() }),
    );
    okBody(
      await stagesRequest(
        [{ kind: 'test', weight: 1, blueprintId: bank.blueprintId, minScore: 60, ties: 'include' }],
        other,
      ),
      200,
      'stages',
    );
    okBody(await announceRequest(t, admin, other), 200, 'announce');
    const applied = [];
    for (const who of candidates.slice(3)) applied.push(await apply(t, who, vacancy.id));
    t.clock.set(new Date(t.clock.read().getTime() + 2 * DAY));
    await signInAll();
    const response = await request(t.app, {
      method: 'GET',
      url: `/api/admin/vacancies/${vacancy.id}/stages/1`,
      cookie: admin.cookie,
    });
    const preview = okBody<StagePreview>(response, 200, 'preview');
    expect(preview.results.map((r) => [r.candidateCode, r.score, r.reason])).toEqual([
      [applied[1]!.candidateCode, 50, 'below_minimum'],
      [applied[0]!.candidateCode, 25, 'below_minimum'],
    ]);
  });
});
