import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rankCandidates } from '../../server/core/ranking';
import { verifyCommitment } from '../../server/core/score-commitment';
import { postAs } from '../factories/calls';
import {
  DAY,
  HOUR,
  adminVacancy,
  appointRequest,
  appliedRound,
  myApplications,
  publicVacancy,
  rankingRequest,
  score,
  scoreRequest,
  setPanel,
  setSlot,
  type AdminVacancyDetail,
  type AnnouncedRound,
  type ApplicationView,
} from '../factories/competitions';
import { allSignedInAgain, verifiedEntry } from '../factories/results';
import type { Person } from '../factories/sittings';
import { request, type TestApp } from '../helpers/app';
import { auditEntries, expectConflict } from '../helpers/exam';

let t: TestApp;
let admin: Person;
let examiners: Person[];
/** Test scores 100, 75, 75 (4, 3 and 3 of 4 right). */
let candidates: Person[];
let round: AnnouncedRound;
let applications: ApplicationView[];

/** Per member (admin, examiner 1, examiner 2): [knowledge, motivation] for candidates A, B, C. */
const SCORES: [number, number][][] = [
  [
    [5, 5],
    [5, 5],
    [5, 5],
  ],
  [
    [9, 9],
    [8, 8],
    [10, 10],
  ],
  [
    [7, 7],
    [7, 7],
    [7, 7],
  ],
];

beforeAll(async () => ({ t, admin, examiners, candidates, round, applications } = await appliedRound({ places: 1 })));
afterAll(() => t.close());

const vacancyId = () => round.vacancies[0]!.id;
const panel = () => [admin, ...examiners];

const signInAll = async () =>
  ({ admin, examiners, candidates } = await allSignedInAgain(t, { admin, examiners, candidates }));

describe('the ranking', () => {
  it('is not published while applications are open', async () => {
    expectConflict(await rankingRequest(t, admin, vacancyId()), 'ranking.before_deadline');
  });

  it('waits for every member to score every present candidate', async () => {
    await setPanel(t, admin, vacancyId(), panel());
    const interviewAt = new Date(new Date(round.vacancies[0]!.applicationDeadline).getTime() + DAY);
    for (const [i, a] of applications.entries())
      await setSlot(t, admin, a.id, new Date(interviewAt.getTime() + i * HOUR));
    t.clock.set(new Date(interviewAt.getTime() + 4 * HOUR));
    await signInAll();
    for (const [m, member] of panel().entries())
      for (const [c, a] of applications.entries()) {
        if (m === 2 && c === 2) continue;
        await score(t, member, a.id, SCORES[c]![m]![0], SCORES[c]![m]![1]);
      }
    expectConflict(await rankingRequest(t, admin, vacancyId()), 'ranking.scores_missing');
    await score(t, examiners[1]!, applications[2]!.id, SCORES[2]![2]![0], SCORES[2]![2]![1]);
  });

  it('combines the scores by the published weights, with the reserve list after the places', async () => {
    const response = await rankingRequest(t, admin, vacancyId());
    expect(response.statusCode, response.body).toBe(200);
    const detail = response.json<AdminVacancyDetail>();
    const code = (i: number) => applications[i]!.candidateCode;
    // A: 0.4·100 + 0.6·50 = 70; B: 0.4·75 + 0.6·90 = 84; C: 0.4·75 + 0.6·70 = 72.
    expect(detail.ranking).toEqual([
      {
        rank: 1,
        candidateCode: code(1),
        testScore: 75,
        interviewScore: 90,
        finalScore: 84,
        result: 'to_appoint',
        fullName: null,
      },
      {
        rank: 2,
        candidateCode: code(2),
        testScore: 75,
        interviewScore: 70,
        finalScore: 72,
        result: 'reserve',
        fullName: null,
      },
      {
        rank: 3,
        candidateCode: code(0),
        testScore: 100,
        interviewScore: 50,
        finalScore: 70,
        result: 'reserve',
        fullName: null,
      },
    ]);
    expect(detail.vacancy.status).toBe('ranked');
    expect((await auditEntries(t, 'vacancy.ranking_published', vacancyId())).length).toBe(1);
    expectConflict(await rankingRequest(t, admin, vacancyId()), 'ranking.published');
  });

  it('publishes in the log what anyone needs to recompute it and to check every commitment', async () => {
    const vacancy = (await adminVacancy(t, admin, vacancyId())).vacancy;
    const entry = (await verifiedEntry(t, {
      logIndex: vacancy.rankingLogIndex!,
      leafHash: vacancy.rankingLeafHash!,
    })) as unknown as {
      type: string;
      weights: { test: number; interview: number };
      interviewMaxPoints: number;
      ranking: { candidateCode: string; testScore: number; finalScore: number; rank: number }[];
      reserve: { candidateCode: string; rank: number }[];
      reveals: {
        candidateCode: string;
        memberId: string;
        scores: Record<string, number>;
        salt: string;
        commitmentLogIndex: number;
      }[];
    };
    expect(entry.type).toBe('vacancy.ranking_published');
    expect(entry.weights).toEqual({ test: 40, interview: 60 });
    expect(entry.reveals.length).toBe(9);
    const totals = new Map<string, number[]>();
    for (const reveal of entry.reveals) {
      const committed = await request(t.app, { method: 'GET', url: `/api/log/entries/${reveal.commitmentLogIndex}` });
      const commitment = committed.json<{
        entry: { type: string; commitment: string; candidateCode: string; memberId: string };
      }>().entry;
      expect(commitment).toMatchObject({
        type: 'interview.score_committed',
        candidateCode: reveal.candidateCode,
        memberId: reveal.memberId,
      });
      expect(verifyCommitment(commitment.commitment, reveal.scores, reveal.salt)).toBe(true);
      expect(
        verifyCommitment(
          commitment.commitment,
          { ...reveal.scores, knowledge: reveal.scores.knowledge! + 1 },
          reveal.salt,
        ),
      ).toBe(false);
      const total = Object.values(reveal.scores).reduce((a, b) => a + b, 0);
      totals.set(reveal.candidateCode, [...(totals.get(reveal.candidateCode) ?? []), total]);
    }
    const recomputed = rankCandidates(
      entry.ranking.map((r) => ({
        id: r.candidateCode,
        testPoints: r.testScore,
        testMaxPoints: 100,
        interviewTotals: totals.get(r.candidateCode)!,
        interviewMaxPoints: entry.interviewMaxPoints,
      })),
      entry.weights,
    );
    expect(recomputed.map((r) => [r.rank, r.id, r.finalScore])).toEqual(
      entry.ranking.map((r) => [r.rank, r.candidateCode, r.finalScore]),
    );
    expect(entry.reserve.map((r) => r.candidateCode)).toEqual([
      applications[2]!.candidateCode,
      applications[0]!.candidateCode,
    ]);
  });

  it('ends scoring and withdrawal', async () => {
    expect((await scoreRequest(t, admin, applications[0]!.id, { knowledge: 1, motivation: 1 })).statusCode).toBe(409);
    const withdraw = await postAs(t, candidates[2]!, `/api/applications/${applications[2]!.id}/withdraw`);
    expectConflict(withdraw, 'application.withdraw_closed');
  });
});

describe('appointments', () => {
  it('follow the ranking, one per place', async () => {
    expectConflict(await appointRequest(t, admin, vacancyId(), applications[2]!.id), 'appointment.out_of_order');
    const response = await appointRequest(t, admin, vacancyId(), applications[1]!.id);
    expect(response.statusCode, response.body).toBe(200);
    const detail = response.json<AdminVacancyDetail>();
    expect(detail.vacancy.status).toBe('appointed');
    expect(detail.appointments).toEqual([
      expect.objectContaining({
        rank: 1,
        fullName: candidates[1]!.fullName,
        finalScore: 84,
        appointedBy: { fullName: admin.fullName, role: 'administrator' },
      }),
    ]);
    expectConflict(await appointRequest(t, admin, vacancyId(), applications[2]!.id), 'appointment.places_filled');
    expect((await auditEntries(t, 'appointment.made', applications[1]!.id)).length).toBe(1);
  });

  it('are published in the log with the names of the appointee and of the official', async () => {
    const [made] = (await adminVacancy(t, admin, vacancyId())).appointments;
    const entry = await verifiedEntry(t, made!);
    expect(entry).toMatchObject({
      type: 'appointment.made',
      vacancyCode: round.vacancies[0]!.code,
      fullName: candidates[1]!.fullName,
      agencyCode: round.agency.code,
      categoryCode: 'AB',
      rank: 1,
      testScore: 75,
      interviewScore: 90,
      finalScore: 84,
      appointedBy: { fullName: admin.fullName, role: 'administrator' },
    });
    expect(JSON.stringify(entry)).not.toContain(candidates[1]!.nationalId!);
  });

  it('and in the register, with the reserve list on the vacancy', async () => {
    const listed = await request(t.app, {
      method: 'GET',
      url: `/api/register/appointments?agency=${round.agency.code}`,
    });
    expect(listed.statusCode, listed.body).toBe(200);
    const [item] = listed.json<{ items: { fullName: string; logIndex: number; rank: number }[] }>().items;
    const [made] = (await adminVacancy(t, admin, vacancyId())).appointments;
    expect(item).toMatchObject({ fullName: candidates[1]!.fullName, logIndex: made!.logIndex, rank: 1 });
  });

  it('show each applicant their outcome, with the official who answers for it', async () => {
    const outcome = async (i: number) => (await myApplications(t, candidates[i]!))[0]!.outcome;
    expect(await outcome(1)).toMatchObject({
      rank: 1,
      result: 'appointed',
      appointedBy: { fullName: admin.fullName, role: 'administrator' },
    });
    expect(await outcome(2)).toMatchObject({ rank: 2, result: 'reserve', reservePosition: 1, finalScore: 72 });
    expect(await outcome(0)).toMatchObject({ rank: 3, result: 'reserve', reservePosition: 2, finalScore: 70 });
  });

  it('are public with the appointee named and everyone else by candidate code only', async () => {
    const detail = await publicVacancy(t, vacancyId());
    expect(detail.ranking!.map((r) => r.fullName)).toEqual([candidates[1]!.fullName, null, null]);
    expect(detail.reserve.map((r) => [r.position, r.candidateCode])).toEqual([
      [1, applications[2]!.candidateCode],
      [2, applications[0]!.candidateCode],
    ]);
    const text = JSON.stringify(detail);
    for (const who of candidates) {
      expect(text).not.toContain(who.nationalId!);
      expect(text).not.toContain(who.email);
    }
    expect(text).not.toContain(candidates[0]!.fullName);
    expect(text).not.toContain(candidates[2]!.fullName);
    expect(text).not.toContain('salt');
  });

  it('cannot be rewritten in the database', async () => {
    await expect(t.database.db.execute(sql`update appointments set rank = 2`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from vacancy_rankings`)).rejects.toThrow();
  });
});
