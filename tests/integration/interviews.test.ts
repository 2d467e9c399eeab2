import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interviewScores } from '../../db/schema/index';
import { scoreCommitment } from '../../server/core/score-commitment';
import { postAs } from '../factories/calls';
import {
  DAY,
  HOUR,
  appliedRound,
  myApplications,
  panelRequest,
  score,
  scoreRequest,
  setPanel,
  setSlot,
  slotRequest,
  type AnnouncedRound,
  type ApplicationView,
  type PanelAssignment,
} from '../factories/competitions';
import { allSignedInAgain, verifiedEntry } from '../factories/results';
import { applicant, staffMember, type Person } from '../factories/sittings';
import { request, type TestApp } from '../helpers/app';
import { auditEntries, expectConflict, expectInvalid } from '../helpers/exam';

let t: TestApp;
let admin: Person;
let examiners: Person[];
let outsider: Person;
let candidates: Person[];
let round: AnnouncedRound;
let applications: ApplicationView[];
let interviewAt: Date;

beforeAll(async () => {
  ({ t, admin, examiners, candidates, round, applications } = await appliedRound());
  outsider = await staffMember(t, 'examiner');
  interviewAt = new Date(new Date(round.vacancies[0]!.applicationDeadline).getTime() + DAY);
});
afterAll(() => t.close());

const vacancyId = () => round.vacancies[0]!.id;
const panel = () => [admin, ...examiners];
const signInAll = async () =>
  ({ admin, examiners, outsider, candidates } = await allSignedInAgain(t, { admin, examiners, outsider, candidates }));

describe('the panel', () => {
  it('has at least three staff accounts and one chair', async () => {
    expectInvalid(await panelRequest(t, admin, vacancyId(), [admin, examiners[0]!]), 'members');
    const someone = await applicant(t);
    expectInvalid(
      await panelRequest(t, admin, vacancyId(), [admin, examiners[0]!, someone]),
      'members.2.userId',
      'not_staff',
    );
    const twoChairs = await request(t.app, {
      method: 'PUT',
      url: `/api/admin/vacancies/${vacancyId()}/panel`,
      cookie: admin.cookie,
      payload: { members: panel().map((m) => ({ userId: m.id, panelRole: 'chair' })) },
    });
    expectInvalid(twoChairs, 'members', 'one_chair');
    const detail = await setPanel(t, admin, vacancyId(), panel());
    expect(detail.panel.map((m) => [m.userId, m.panelRole]).sort()).toEqual(
      [
        [admin.id, 'chair'],
        [examiners[0]!.id, 'member'],
        [examiners[1]!.id, 'member'],
      ].sort(),
    );
    expect((await auditEntries(t, 'interview.panel_set', vacancyId())).length).toBe(1);
  });
});

describe('slots and scores', () => {
  it('schedules interviews only after the application deadline', async () => {
    const early = new Date(new Date(round.vacancies[0]!.applicationDeadline).getTime() - HOUR);
    expectInvalid(await slotRequest(t, admin, applications[0]!.id, early), 'startsAt', 'before_deadline');
    for (const [i, a] of applications.entries())
      await setSlot(t, admin, a.id, new Date(interviewAt.getTime() + i * HOUR));
    const [mine] = await myApplications(t, candidates[0]!);
    expect(mine!.slot).toEqual({ startsAt: interviewAt.toISOString(), location: 'Otaq 12' });
  });

  it('takes no score before the interview, and none from outside the panel', async () => {
    expectConflict(
      await scoreRequest(t, admin, applications[0]!.id, { knowledge: 5, motivation: 5 }),
      'score.before_interview',
    );
    t.clock.set(new Date(interviewAt.getTime() + 3 * HOUR));
    await signInAll();
    const response = await scoreRequest(t, outsider, applications[0]!.id, { knowledge: 5, motivation: 5 });
    expect(response.statusCode, response.body).toBe(403);
    const byApplicant = await scoreRequest(t, candidates[0]!, applications[0]!.id, { knowledge: 5, motivation: 5 });
    expect(byApplicant.statusCode).toBe(403);
  });

  it('checks the scores against the rubric, naming the criterion', async () => {
    const id = applications[0]!.id;
    expectInvalid(await scoreRequest(t, admin, id, { knowledge: 5 }), 'scores.motivation', 'required');
    expectInvalid(await scoreRequest(t, admin, id, { knowledge: 11, motivation: 5 }), 'scores.knowledge', 'too_large');
    expectInvalid(
      await scoreRequest(t, admin, id, { knowledge: 1, motivation: 5, charm: 3 }),
      'scores.charm',
      'unknown',
    );
    expectInvalid(await scoreRequest(t, admin, id, { knowledge: -1, motivation: 5 }), 'scores.knowledge');
    expectInvalid(await scoreRequest(t, admin, id, { knowledge: 'ten', motivation: 5 }), 'scores.knowledge');
    expect(await t.database.db.select().from(interviewScores)).toEqual([]);
  });

  it('publishes each score at once as a commitment, final when entered', async () => {
    const id = applications[0]!.id;
    const receipt = await score(t, examiners[0]!, id, 8, 6);
    expect(receipt).toMatchObject({
      applicationId: id,
      memberId: examiners[0]!.id,
      total: 14,
      scores: { knowledge: 8, motivation: 6 },
    });
    const entry = await verifiedEntry(t, receipt);
    expect(entry).toMatchObject({
      type: 'interview.score_committed',
      vacancyCode: round.vacancies[0]!.code,
      candidateCode: applications[0]!.candidateCode,
      memberId: examiners[0]!.id,
      commitment: receipt.commitment,
    });
    // The log carries the commitment, never the scores or the salt before the ranking.
    expect(JSON.stringify(entry)).not.toMatch(/knowledge|salt/);
    const [stored] = await t.database.db
      .select()
      .from(interviewScores)
      .where(eq(interviewScores.id, (await t.database.db.select().from(interviewScores))[0]!.id));
    expect(scoreCommitment(stored!.scores, stored!.salt)).toBe(receipt.commitment);
    expectConflict(await scoreRequest(t, examiners[0]!, id, { knowledge: 10, motivation: 10 }), 'score.exists');
    expect((await auditEntries(t, 'interview.score_entered', id)).length).toBe(1);
  });

  it('is refused by the database too: no update, no delete', async () => {
    await expect(t.database.db.update(interviewScores).set({ total: '20' })).rejects.toThrow();
    await expect(t.database.db.delete(interviewScores)).rejects.toThrow();
    await expect(t.database.db.execute(sql`truncate interview_scores`)).rejects.toThrow();
    const [row] = await t.database.db.select().from(interviewScores);
    expect(row!.total).toBe('14');
  });

  it('fixes the panel once a score is entered', async () => {
    expectConflict(await panelRequest(t, admin, vacancyId(), [admin, examiners[1]!, outsider]), 'panel.scores_entered');
  });

  it('shows the applicant their scores with the names and roles of the panel members', async () => {
    const [mine] = await myApplications(t, candidates[0]!);
    expect(mine!.scores).toEqual([
      expect.objectContaining({
        member: { fullName: examiners[0]!.fullName, role: 'examiner', panelRole: 'member' },
        scores: { knowledge: 8, motivation: 6 },
        total: 14,
        maxTotal: 20,
        commitment: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
    expect(JSON.stringify(mine)).not.toContain('salt');
  });

  it('shows a member their panel and only their own scores', async () => {
    const response = await request(t.app, { method: 'GET', url: '/api/interviews', cookie: examiners[1]!.cookie });
    expect(response.statusCode, response.body).toBe(200);
    const [assignment] = response.json<PanelAssignment[]>();
    expect(assignment!.vacancy.id).toBe(vacancyId());
    const first = assignment!.candidates.find((c) => c.applicationId === applications[0]!.id)!;
    expect(first).toMatchObject({ myScore: null, scoredBy: 1, panelSize: 3 });
    expect(JSON.stringify(assignment)).not.toMatch(/"knowledge":8/);
    const none = await request(t.app, { method: 'GET', url: '/api/interviews', cookie: outsider.cookie });
    expect(none.json()).toEqual([]);
  });
});

describe('absence', () => {
  it('is recorded once the interview has begun, for a candidate not scored, who is then not scored', async () => {
    const scored = await postAs(t, admin, `/api/admin/applications/${applications[0]!.id}/absent`);
    expectConflict(scored, 'absence.scored');
    const absent = await postAs(t, admin, `/api/admin/applications/${applications[2]!.id}/absent`);
    expect(absent.statusCode, absent.body).toBe(200);
    expect(absent.json().applications.find((a: { id: string }) => a.id === applications[2]!.id).status).toBe('absent');
    expectConflict(await scoreRequest(t, admin, applications[2]!.id, { knowledge: 5, motivation: 5 }), 'score.absent');
    const [view] = await myApplications(t, candidates[2]!);
    expect(view).toMatchObject({
      status: 'absent',
      absentRecordedBy: { fullName: admin.fullName, role: 'administrator' },
    });
    expect((await auditEntries(t, 'interview.absence_recorded', applications[2]!.id)).length).toBe(1);
  });
});
