import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { competitionRounds, vacancies } from '../../db/schema/index';
import {
  addVacancy,
  agencyBody,
  announceRequest,
  announcedRound,
  createAgency,
  createRound,
  roundBody,
  vacancyBody,
  type AdminRound,
  type PublicVacancy,
} from '../factories/competitions';
import { postAs } from '../factories/calls';
import { verifiedEntry } from '../factories/results';
import { EXAM_ENV, staffMember, type Person } from '../factories/sittings';
import { createTestApp, request, type TestApp } from '../helpers/app';
import { auditEntries, expectConflict, expectInvalid, expectNotFound } from '../helpers/exam';

let t: TestApp;
let admin: Person;
let examiner: Person;

beforeAll(async () => {
  t = await createTestApp(EXAM_ENV);
  admin = await staffMember(t, 'administrator');
  examiner = await staffMember(t, 'examiner');
});
afterAll(() => t.close());

describe('agencies', () => {
  it('are kept by the administrator: added, renamed, removed while unused; every change audited', async () => {
    const agency = await createAgency(t, admin, { code: 'ASAN' });
    expectConflict(await postAs(t, admin, '/api/admin/agencies', agencyBody({ code: 'ASAN' })), 'taken');
    const renamed = await request(t.app, {
      method: 'PUT',
      url: `/api/admin/agencies/${agency.id}`,
      cookie: admin.cookie,
      payload: { code: 'ASAN', name: { az: 'ASAN xidmət' } },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().name).toEqual({ az: 'ASAN xidmət' });
    const removed = await request(t.app, {
      method: 'DELETE',
      url: `/api/admin/agencies/${agency.id}`,
      cookie: admin.cookie,
    });
    expect(removed.statusCode).toBe(204);
    expect((await auditEntries(t, 'agency.created', agency.id)).length).toBe(1);
    expect((await auditEntries(t, 'agency.removed', agency.id)).length).toBe(1);
  });

  it('refuse bad input and other roles', async () => {
    expectInvalid(await postAs(t, admin, '/api/admin/agencies', { code: 'x', name: { az: 'A' } }), 'code');
    const byExaminer = await request(t.app, { method: 'GET', url: '/api/admin/agencies', cookie: examiner.cookie });
    expect(byExaminer.statusCode).toBe(403);
  });
});

describe('announcing a round', () => {
  let round: AdminRound;
  let vacancy: PublicVacancy;

  it('checks the round and the vacancy, naming the field', async () => {
    expectInvalid(
      await postAs(t, admin, '/api/admin/rounds', roundBody({ testWeight: 0, interviewWeight: 0 })),
      'interviewWeight',
      'weights_zero',
    );
    const base = roundBody();
    expectInvalid(
      await postAs(t, admin, '/api/admin/rounds', { ...base, rubric: [base.rubric[0], base.rubric[0]] }),
      'rubric.1.key',
      'duplicate',
    );
    const agency = await createAgency(t, admin);
    round = await createRound(t, admin);
    expect(round).toMatchObject({ status: 'draft', applicationLimit: 3, testWeight: 40, interviewWeight: 60 });
    const bad = async (overrides: Record<string, unknown>) =>
      postAs(t, admin, `/api/admin/rounds/${round.id}/vacancies`, { ...vacancyBody(t, agency.id), ...overrides });
    expectInvalid(await bad({ categoryCode: 'A' }), 'categoryCode', 'not_subgroup');
    expectInvalid(await bad({ agencyId: '00000000-0000-4000-8000-000000000000' }), 'agencyId', 'unknown');
    expectInvalid(
      await bad({ applicationDeadline: new Date(t.clock.read().getTime() - 1).toISOString() }),
      'applicationDeadline',
      'in_past',
    );
    expectInvalid(await bad({ places: 0 }), 'places');
    vacancy = await addVacancy(t, admin, round.id, vacancyBody(t, agency.id));
    expect(vacancy.status).toBe('draft');
  });

  it('keeps drafts out of public view', async () => {
    expectNotFound(await request(t.app, { method: 'GET', url: `/api/competitions/rounds/${round.id}` }));
    expectNotFound(await request(t.app, { method: 'GET', url: `/api/competitions/vacancies/${vacancy.id}` }));
    const listed = await request(t.app, { method: 'GET', url: '/api/competitions/rounds' });
    expect(listed.json().map((r: { id: string }) => r.id)).not.toContain(round.id);
  });

  it('publishes the round and each vacancy in the log', async () => {
    const response = await announceRequest(t, admin, round.id);
    expect(response.statusCode, response.body).toBe(200);
    const announced = response.json<AdminRound>();
    expect(announced).toMatchObject({ status: 'announced', announcedBy: { id: admin.id } });
    const roundEntry = await verifiedEntry(t, { logIndex: announced.logIndex!, leafHash: announced.leafHash! });
    expect(roundEntry).toMatchObject({
      type: 'round.announced',
      roundCode: round.code,
      testWeight: 40,
      interviewWeight: 60,
      applicationLimit: 3,
      vacancies: [vacancy.code],
    });
    const [v] = announced.vacancies;
    expect(v!.status).toBe('announced');
    expect(await verifiedEntry(t, { logIndex: v!.logIndex!, leafHash: v!.leafHash! })).toMatchObject({
      type: 'vacancy.announced',
      vacancyCode: vacancy.code,
      categoryCode: 'AB',
      places: 1,
      applicationDeadline: vacancy.applicationDeadline,
    });
    const publicRound = await request(t.app, { method: 'GET', url: `/api/competitions/rounds/${round.id}` });
    expect(publicRound.json().vacancies[0]).toMatchObject({ code: vacancy.code, logIndex: v!.logIndex });
    const register = await request(t.app, {
      method: 'GET',
      url: `/api/register/vacancies?q=${encodeURIComponent(vacancy.code)}`,
    });
    expect(register.statusCode, register.body).toBe(200);
    expect((await auditEntries(t, 'round.announced', round.id)).length).toBe(1);
  });

  it('after which neither round nor vacancy changes or disappears', async () => {
    expectConflict(
      await request(t.app, {
        method: 'PUT',
        url: `/api/admin/rounds/${round.id}`,
        cookie: admin.cookie,
        payload: roundBody(),
      }),
      'round.announced',
    );
    expectConflict(await announceRequest(t, admin, round.id), 'round.announced');
    const agency = await createAgency(t, admin);
    expectConflict(
      await postAs(t, admin, `/api/admin/rounds/${round.id}/vacancies`, vacancyBody(t, agency.id)),
      'round.announced',
    );
    expectConflict(
      await request(t.app, {
        method: 'PUT',
        url: `/api/admin/vacancies/${vacancy.id}`,
        cookie: admin.cookie,
        payload: vacancyBody(t, agency.id),
      }),
      'vacancy.announced',
    );
    expectConflict(
      await request(t.app, { method: 'DELETE', url: `/api/admin/vacancies/${vacancy.id}`, cookie: admin.cookie }),
      'vacancy.announced',
    );
    const inUse = await request(t.app, {
      method: 'DELETE',
      url: `/api/admin/agencies/${round.vacancies[0]?.agency.id ?? vacancy.agency.id}`,
      cookie: admin.cookie,
    });
    expectConflict(inUse, 'agency.in_use');
  });

  it('is enforced by the database as well', async () => {
    const db = t.database.db;
    await expect(db.update(vacancies).set({ places: 5 }).where(eq(vacancies.id, vacancy.id))).rejects.toThrow();
    await expect(
      db
        .update(vacancies)
        .set({ applicationDeadline: new Date('2030-01-01') })
        .where(eq(vacancies.id, vacancy.id)),
    ).rejects.toThrow();
    await expect(db.update(vacancies).set({ status: 'draft' }).where(eq(vacancies.id, vacancy.id))).rejects.toThrow();
    await expect(db.delete(vacancies).where(eq(vacancies.id, vacancy.id))).rejects.toThrow();
    await expect(
      db.update(competitionRounds).set({ testWeight: 90 }).where(eq(competitionRounds.id, round.id)),
    ).rejects.toThrow();
    await expect(db.delete(competitionRounds).where(eq(competitionRounds.id, round.id))).rejects.toThrow();
    await expect(
      db.execute(
        sql`insert into vacancies (round_id, code, agency_id, position, category_code, places, location, requirements, interview_programme, application_deadline, created_at)
            select round_id, 'LATE-1', agency_id, position, category_code, 1, location, requirements, interview_programme, application_deadline, now()
            from vacancies where id = ${vacancy.id}`,
      ),
    ).rejects.toThrow();
    const [row] = await db.select().from(vacancies).where(eq(vacancies.id, vacancy.id));
    expect(row!.places).toBe(1);
  });

  it('refuses an empty round, or one with a deadline already passed', async () => {
    const empty = await createRound(t, admin);
    expectConflict(await announceRequest(t, admin, empty.id), 'round.no_vacancies');
    const agency = await createAgency(t, admin);
    const late = await createRound(t, admin);
    await addVacancy(
      t,
      admin,
      late.id,
      vacancyBody(t, agency.id, { applicationDeadline: new Date(t.clock.read().getTime() + 60_000).toISOString() }),
    );
    t.clock.advance(60_000);
    expectConflict(await announceRequest(t, admin, late.id), 'vacancy.deadline_passed');
  });

  it('lets an announced vacancy be closed, never hidden', async () => {
    const {
      vacancies: [v],
    } = await announcedRound(t, admin);
    const closed = await postAs(t, admin, `/api/admin/vacancies/${v!.id}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed' });
    const shown = await request(t.app, { method: 'GET', url: `/api/competitions/vacancies/${v!.id}` });
    expect(shown.json().vacancy.status).toBe('closed');
    expectConflict(await postAs(t, admin, `/api/admin/vacancies/${v!.id}/close`), 'vacancy.finished');
  });
});
