import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { certificates } from '../../db/schema/index';
import { withdrawDeadline } from '../../server/modules/competitions/applications.service';
import { postAs } from '../factories/calls';
import {
  DAY,
  HOUR,
  announcedRound,
  apply,
  applyRequest,
  certifiedApplicants,
  myApplications,
  setSlot,
  type AnnouncedRound,
  type Eligibility,
} from '../factories/competitions';
import { signedInAgain } from '../factories/results';
import { applicant, type ExamBank, type Person } from '../factories/sittings';
import { request, type TestApp } from '../helpers/app';
import { examSuite } from '../helpers/exam-suite';
import { expectConflict, expectInvalid, expectNotFound, expectOkJson } from '../helpers/exam';

let t: TestApp;
let admin: Person;
let bank: ExamBank;
/** Passed AB (covers AB and AC), passed AB, failed AB. */
let holders: Person[];
let failed: Person;
let uncertified: Person;
/** Four AB vacancies, an AC one and an AA one (above the certificate), application limit 3. */
let round: AnnouncedRound;

examSuite((suite) => ({ t, admin, bank } = suite));
beforeAll(async () => {
  const people = await certifiedApplicants(t, admin, bank, [{ correct: 4 }, { correct: 3 }, { correct: 1 }], 'AB');
  holders = people.slice(0, 2);
  failed = people[2]!;
  uncertified = await applicant(t);
  round = await announcedRound(t, admin, [{}, {}, {}, {}, { categoryCode: 'AC' }, { categoryCode: 'AA' }]);
});

const eligibility = (who: Person, vacancyId: string) =>
  expectOkJson<Eligibility>(t, who, `/api/competitions/vacancies/${vacancyId}/eligibility`);

describe('eligibility', () => {
  it('lets a holder of a valid certificate covering the category apply, on that certificate', async () => {
    const [ab] = round.vacancies;
    const answer = await eligibility(holders[0]!, ab!.id);
    expect(answer).toMatchObject({ eligible: true, reason: null, applied: 0, limit: 3 });
    const [certificate] = await t.database.db
      .select()
      .from(certificates)
      .where(eq(certificates.userId, holders[0]!.id));
    expect(answer.certificateCode).toBe(certificate!.code);
    const application = await apply(t, holders[0]!, ab!.id);
    expect(application).toMatchObject({
      status: 'active',
      certificateCode: certificate!.code,
      vacancy: { id: ab!.id, code: ab!.code },
      slot: null,
      scores: [],
      outcome: null,
      canWithdraw: true,
    });
    expect(application.candidateCode).toMatch(/\S/);
  });

  it('covers the subgroups below the certificate, never the ones above', async () => {
    const ac = round.vacancies.find((v) => v.categoryCode === 'AC')!;
    const aa = round.vacancies.find((v) => v.categoryCode === 'AA')!;
    expect((await eligibility(holders[1]!, ac.id)).eligible).toBe(true);
    expect(await eligibility(holders[1]!, aa.id)).toMatchObject({
      eligible: false,
      reason: 'application.no_certificate',
    });
    expectConflict(await applyRequest(t, holders[1]!, aa.id), 'application.no_certificate');
  });

  it('refuses a candidate who failed, or never sat, with a clear reason', async () => {
    const [ab] = round.vacancies;
    for (const who of [failed, uncertified]) {
      const answer = await eligibility(who, ab!.id);
      expect(answer).toMatchObject({ eligible: false, reason: 'application.no_certificate' });
      expect(answer.message).toMatch(/certificate/);
      const response = await applyRequest(t, who, ab!.id);
      expectConflict(response, 'application.no_certificate');
      expect(response.json().error.fields[0].field).toBe('vacancyId');
    }
    expect(await myApplications(t, failed)).toEqual([]);
  });

  it('refuses a second application to the same vacancy', async () => {
    const [ab] = round.vacancies;
    expectConflict(await applyRequest(t, holders[0]!, ab!.id), 'application.exists');
    expect((await myApplications(t, holders[0]!)).length).toBe(1);
  });

  it('refuses a revoked or expired certificate', async () => {
    const [, ab2] = round.vacancies;
    const [certificate] = await t.database.db
      .select()
      .from(certificates)
      .where(eq(certificates.userId, holders[1]!.id));
    await t.database.db.update(certificates).set({ status: 'revoked' }).where(eq(certificates.id, certificate!.id));
    expectConflict(await applyRequest(t, holders[1]!, ab2!.id), 'application.no_certificate');
    await t.database.db
      .update(certificates)
      .set({ status: 'valid', validUntil: new Date(t.clock.read().getTime() - 1000) })
      .where(eq(certificates.id, certificate!.id));
    expectConflict(await applyRequest(t, holders[1]!, ab2!.id), 'application.no_certificate');
    await t.database.db
      .update(certificates)
      .set({ validUntil: certificate!.validUntil })
      .where(eq(certificates.id, certificate!.id));
    // The whole answer, so that a refusal names its reason.
    expect(await eligibility(holders[1]!, ab2!.id)).toMatchObject({ eligible: true, reason: null });
  });
});

describe('the limit of applications per round', () => {
  it('allows three per round and refuses the fourth; a withdrawal frees a place', async () => {
    const who = holders[1]!;
    const ab = round.vacancies.filter((v) => v.categoryCode === 'AB');
    const ac = round.vacancies.find((v) => v.categoryCode === 'AC')!;
    const mine = [await apply(t, who, ab[0]!.id), await apply(t, who, ab[1]!.id), await apply(t, who, ab[2]!.id)];
    expect(await eligibility(who, ac.id)).toMatchObject({ eligible: false, reason: 'application.limit', applied: 3 });
    expectConflict(await applyRequest(t, who, ac.id), 'application.limit');
    const withdrawn = await postAs(t, who, `/api/applications/${mine[0]!.id}/withdraw`);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', canWithdraw: false });
    expect((await apply(t, who, ac.id)).status).toBe('active');
    expectConflict(await applyRequest(t, who, ab[3]!.id), 'application.limit');
  });

  it('is configurable per round', async () => {
    const one = await announcedRound(t, admin, [{}, {}], { applicationLimit: 1 });
    await apply(t, holders[0]!, one.vacancies[0]!.id);
    expectConflict(await applyRequest(t, holders[0]!, one.vacancies[1]!.id), 'application.limit');
  });

  it('holds when applications race', async () => {
    const race = await announcedRound(t, admin, [{}, {}, {}, {}, {}]);
    const responses = await Promise.all(race.vacancies.map((v) => applyRequest(t, holders[0]!, v.id)));
    expect(responses.filter((r) => r.statusCode === 201).length).toBe(3);
    for (const r of responses.filter((r) => r.statusCode !== 201)) expectConflict(r, 'application.limit');
  });
});

describe('deadlines and withdrawal', () => {
  it('refuses applications from the deadline on', async () => {
    const late = await announcedRound(t, admin, [
      { applicationDeadline: new Date(t.clock.read().getTime() + HOUR).toISOString() },
    ]);
    const before = t.clock.read();
    t.clock.advance(HOUR);
    try {
      expect(await eligibility(holders[0]!, late.vacancies[0]!.id)).toMatchObject({
        reason: 'application.deadline_passed',
      });
      expectConflict(await applyRequest(t, holders[0]!, late.vacancies[0]!.id), 'application.deadline_passed');
    } finally {
      t.clock.set(before);
    }
  });

  it('allows withdrawal until the day before the interview, in Baku time', async () => {
    expect(withdrawDeadline(new Date('2026-12-10T06:00:00Z')).toISOString()).toBe('2026-12-09T20:00:00.000Z');
    expect(withdrawDeadline(new Date('2026-12-10T21:30:00Z')).toISOString()).toBe('2026-12-10T20:00:00.000Z');
    const r = await announcedRound(t, admin, [{}]);
    const application = await apply(t, holders[0]!, r.vacancies[0]!.id);
    const deadline = new Date(r.vacancies[0]!.applicationDeadline);
    const interview = new Date(deadline.getTime() + 3 * DAY);
    await setSlot(t, admin, application.id, interview);
    const [view] = (await myApplications(t, holders[0]!)).filter((a) => a.id === application.id);
    expect(view!.slot).toEqual({ startsAt: interview.toISOString(), location: 'Otaq 12' });
    expect(view!.withdrawUntil).toBe(withdrawDeadline(interview).toISOString());
    const before = t.clock.read();
    t.clock.set(withdrawDeadline(interview));
    const who = await signedInAgain(t, holders[0]!);
    try {
      const refused = await postAs(t, who, `/api/applications/${application.id}/withdraw`);
      expectConflict(refused, 'application.withdraw_closed');
      t.clock.advance(-1);
      const allowed = await postAs(t, who, `/api/applications/${application.id}/withdraw`);
      expect(allowed.statusCode, allowed.body).toBe(200);
      expectConflict(await postAs(t, who, `/api/applications/${application.id}/withdraw`), 'application.not_active');
    } finally {
      t.clock.set(before);
      holders[0] = await signedInAgain(t, holders[0]!);
    }
  });
});

describe('own applications only', () => {
  it("hides another applicant's application, and refuses to withdraw it", async () => {
    const [mine] = await myApplications(t, holders[0]!);
    expectNotFound(
      await request(t.app, { method: 'GET', url: `/api/applications/${mine!.id}`, cookie: failed.cookie }),
    );
    expectNotFound(await postAs(t, failed, `/api/applications/${mine!.id}/withdraw`));
    const own = await request(t.app, {
      method: 'GET',
      url: `/api/applications/${mine!.id}`,
      cookie: holders[0]!.cookie,
    });
    expect(own.statusCode).toBe(200);
    expect(JSON.stringify(own.json())).not.toContain(holders[0]!.nationalId!);
  });

  it('refuses bad input, naming the field', async () => {
    expectInvalid(await postAs(t, holders[0]!, '/api/applications', { vacancyId: 'x' }), 'vacancyId');
    expectNotFound(await applyRequest(t, holders[0]!, '00000000-0000-4000-8000-000000000000'));
  });
});
