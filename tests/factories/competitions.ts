import type { ApplicationView, Eligibility } from '../../server/modules/competitions/applications.schemas';
import type { AdminVacancyDetail, PublicVacancyDetail } from '../../server/modules/competitions/appointments.schemas';
import type { AgencyView } from '../../server/modules/competitions/agencies.schemas';
import type { PanelAssignment, ScoreReceipt } from '../../server/modules/competitions/interviews.schemas';
import type {
  AdminRound,
  PublicVacancy,
  RoundBody,
  VacancyBody,
} from '../../server/modules/competitions/rounds.schemas';
import type { RoundStages } from '../../server/modules/competitions/stages.schemas';
import { createTestApp, request, type TestApp } from '../helpers/app';
import { finishedSitting, publishResults, signedInAgain, type Plan } from './results';
import { okBody, postAs } from './calls';
import { EXAM_ENV, examBank, staffMember, type ExamBank, type Person } from './sittings';
import { startsEachFile } from './per-file';

export type {
  AdminRound,
  AdminVacancyDetail,
  AgencyView,
  ApplicationView,
  Eligibility,
  PanelAssignment,
  PublicVacancy,
};
export type { PublicVacancyDetail, ScoreReceipt };

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

let sequence = 0;
startsEachFile(() => (sequence = 0));
const next = () => (sequence += 1);

export function agencyBody(overrides: Record<string, unknown> = {}) {
  const n = next();
  return {
    code: `AG-${n}`,
    name: { az: `Agentlik ${n}`, ru: `Агентство ${n}`, en: `Agency ${n}` },
    ...overrides,
  };
}

export async function createAgency(t: TestApp, admin: Person, overrides: Record<string, unknown> = {}) {
  return okBody<AgencyView>(await postAs(t, admin, '/api/admin/agencies', agencyBody(overrides)), 201, 'create agency');
}

/** A round weighting test 40 and interview 60, with a two-criterion rubric out of 10 + 10. */
export function roundBody(overrides: Partial<RoundBody> = {}): RoundBody {
  const n = next();
  return {
    code: `R-${n}-${Date.now() % 100000}`,
    title: { az: `Müsabiqə ${n}`, en: `Competition ${n}` },
    testWeight: 40,
    interviewWeight: 60,
    rubric: [
      { key: 'knowledge', name: { az: 'Bilik', en: 'Knowledge' }, maxPoints: 10 },
      { key: 'motivation', name: { az: 'Motivasiya', en: 'Motivation' }, maxPoints: 10 },
    ],
    ...overrides,
  };
}

export function vacancyBody(t: TestApp, agencyId: string, overrides: Partial<VacancyBody> = {}): VacancyBody {
  const n = next();
  return {
    code: `V-${n}-${Date.now() % 100000}`,
    agencyId,
    position: { az: `Baş məsləhətçi ${n}`, en: `Chief adviser ${n}` },
    categoryCode: 'AB',
    places: 1,
    location: 'Bakı',
    requirements: { az: 'Ali təhsil', en: 'Higher education' },
    interviewProgramme: { az: 'Dövlət qulluğu haqqında qanun', en: 'The civil service law' },
    applicationDeadline: new Date(t.clock.read().getTime() + 2 * DAY).toISOString(),
    ...overrides,
  };
}

export async function createRound(t: TestApp, admin: Person, overrides: Partial<RoundBody> = {}) {
  return okBody<AdminRound>(await postAs(t, admin, '/api/admin/rounds', roundBody(overrides)), 201, 'create round');
}

export async function addVacancy(t: TestApp, admin: Person, roundId: string, body: VacancyBody) {
  return okBody<PublicVacancy>(
    await postAs(t, admin, `/api/admin/rounds/${roundId}/vacancies`, body),
    201,
    'add vacancy',
  );
}

export function announceRequest(t: TestApp, admin: Person, roundId: string) {
  return postAs(t, admin, `/api/admin/rounds/${roundId}/announce`);
}

/** A draft round with one vacancy of a new agency: a round whose stages can still be set before it is announced. */
export async function draftVacancy(t: TestApp, admin: Person): Promise<{ roundId: string; vacancyId: string }> {
  const agency = await createAgency(t, admin);
  const roundId = (await createRound(t, admin)).id;
  const vacancyId = (await addVacancy(t, admin, roundId, vacancyBody(t, agency.id))).id;
  return { roundId, vacancyId };
}

export function roundStagesRequest(t: TestApp, admin: Person, roundId: string, stages: unknown[]) {
  return request(t.app, {
    method: 'PUT',
    url: `/api/admin/rounds/${roundId}/stages`,
    cookie: admin.cookie,
    payload: { stages },
  });
}

/**
 * A draft vacancy's round given its stages and announced, and `candidates` applied to the vacancy in that order; the
 * clock is left an hour past the application deadline, where the first stage can be advanced.
 */
export async function appliedToStagedRound(
  t: TestApp,
  admin: Person,
  draft: { roundId: string; vacancyId: string },
  stages: unknown[],
  candidates: Person[],
): Promise<ApplicationView[]> {
  okBody<RoundStages>(await roundStagesRequest(t, admin, draft.roundId, stages), 200, 'stages');
  okBody(await announceRequest(t, admin, draft.roundId), 200, 'announce');
  const applications: ApplicationView[] = [];
  for (const who of candidates) applications.push(await apply(t, who, draft.vacancyId));
  t.clock.set(new Date(new Date(applications[0]!.vacancy.applicationDeadline).getTime() + HOUR));
  return applications;
}

export interface AnnouncedRound {
  round: AdminRound;
  agency: AgencyView;
  vacancies: PublicVacancy[];
}

/** An announced round with `vacancies` vacancies (each overridable) of one new agency. */
export async function announcedRound(
  t: TestApp,
  admin: Person,
  vacancies: Partial<VacancyBody>[] = [{}],
  round: Partial<RoundBody> = {},
): Promise<AnnouncedRound> {
  const agency = await createAgency(t, admin);
  const draft = await createRound(t, admin, round);
  for (const overrides of vacancies) await addVacancy(t, admin, draft.id, vacancyBody(t, agency.id, overrides));
  const announced = okBody<AdminRound>(await announceRequest(t, admin, draft.id), 200, 'announce');
  return { round: announced, agency, vacancies: announced.vacancies };
}

/**
 * Applicants holding certificates: a sitting in `categoryCode` sat according to `plans` (4-item papers,
 * pass at 3) and published. Returned signed in afresh, in plan order.
 */
export async function certifiedApplicants(
  t: TestApp,
  admin: Person,
  bank: ExamBank,
  plans: Plan[],
  categoryCode = 'AB',
): Promise<Person[]> {
  const finished = await finishedSitting(t, admin, bank, plans, { categoryCode });
  await publishResults(t, admin, finished.sitting.id);
  return Promise.all(finished.candidates.map((c) => signedInAgain(t, c)));
}

/**
 * An app where an administrator and two examiners (a panel of three) have a one-vacancy round, and three
 * certified candidates (test scores 100, 75 and 75: 4, 3 and 3 of 4 right) have all applied to it, in that order.
 */
export async function appliedRound(vacancy: Partial<VacancyBody> = {}) {
  const t = await createTestApp(EXAM_ENV);
  const admin = await staffMember(t, 'administrator');
  const examiners = [await staffMember(t, 'examiner'), await staffMember(t, 'examiner')];
  const candidates = await certifiedApplicants(t, admin, await examBank(t), [
    { correct: 4 },
    { correct: 3 },
    { correct: 3 },
  ]);
  const round = await announcedRound(t, admin, [vacancy]);
  const applications: ApplicationView[] = [];
  for (const who of candidates) applications.push(await apply(t, who, round.vacancies[0]!.id));
  return { t, admin, examiners, candidates, round, applications };
}

export function applyRequest(t: TestApp, who: Person, vacancyId: string) {
  return postAs(t, who, '/api/applications', { vacancyId });
}

export async function apply(t: TestApp, who: Person, vacancyId: string) {
  return okBody<ApplicationView>(await applyRequest(t, who, vacancyId), 201, 'apply');
}

export async function myApplications(t: TestApp, who: Person) {
  return okBody<ApplicationView[]>(
    await request(t.app, { method: 'GET', url: '/api/applications', cookie: who.cookie }),
    200,
    'my applications',
  );
}

export function panelRequest(t: TestApp, admin: Person, vacancyId: string, members: Person[]) {
  return request(t.app, {
    method: 'PUT',
    url: `/api/admin/vacancies/${vacancyId}/panel`,
    cookie: admin.cookie,
    payload: { members: members.map((m, i) => ({ userId: m.id, panelRole: i === 0 ? 'chair' : 'member' })) },
  });
}

export async function setPanel(t: TestApp, admin: Person, vacancyId: string, members: Person[]) {
  return okBody<AdminVacancyDetail>(await panelRequest(t, admin, vacancyId, members), 200, 'set panel');
}

export function slotRequest(t: TestApp, admin: Person, applicationId: string, startsAt: Date, location = 'Otaq 12') {
  return request(t.app, {
    method: 'PUT',
    url: `/api/admin/applications/${applicationId}/slot`,
    cookie: admin.cookie,
    payload: { startsAt: startsAt.toISOString(), location },
  });
}

export async function setSlot(t: TestApp, admin: Person, applicationId: string, startsAt: Date) {
  return okBody<AdminVacancyDetail>(await slotRequest(t, admin, applicationId, startsAt), 200, 'set slot');
}

export function scoreRequest(t: TestApp, member: Person, applicationId: string, scores: Record<string, unknown>) {
  return request(t.app, {
    method: 'POST',
    url: `/api/interviews/applications/${applicationId}/scores`,
    cookie: member.cookie,
    payload: { scores },
  });
}

export async function score(t: TestApp, member: Person, applicationId: string, knowledge: number, motivation: number) {
  return okBody<ScoreReceipt>(await scoreRequest(t, member, applicationId, { knowledge, motivation }), 201, 'score');
}

export function rankingRequest(t: TestApp, admin: Person, vacancyId: string) {
  return postAs(t, admin, `/api/admin/vacancies/${vacancyId}/ranking`);
}

export function appointRequest(t: TestApp, admin: Person, vacancyId: string, applicationId: string) {
  return request(t.app, {
    method: 'POST',
    url: `/api/admin/vacancies/${vacancyId}/appointments`,
    cookie: admin.cookie,
    payload: { applicationId },
  });
}

export async function adminVacancy(t: TestApp, admin: Person, vacancyId: string) {
  return okBody<AdminVacancyDetail>(
    await request(t.app, { method: 'GET', url: `/api/admin/vacancies/${vacancyId}`, cookie: admin.cookie }),
    200,
    'admin vacancy',
  );
}

export async function publicVacancy(t: TestApp, vacancyId: string) {
  return okBody<PublicVacancyDetail>(
    await request(t.app, { method: 'GET', url: `/api/competitions/vacancies/${vacancyId}` }),
    200,
    'public vacancy',
  );
}
