import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppointmentItem, Page, ResultItem, VacancyItem } from '../../server/modules/register/register.schemas';
import { advanceVacancy, recordAppointments, recordVacancies } from '../factories/register';
import { finishedSitting, publishResults, type FinishedSitting } from '../factories/results';
import { applicants, EXAM_ENV, examBank, staffMember, type Person } from '../factories/sittings';
import { createTestApp, type TestApp } from '../helpers/app';
import { leaksIn, matchesRoute, RecordingClient, type Recorded, type Secret } from '../helpers/secrets';

/**
 * The public register never shows a national ID, an e-mail, an account's or attempt's id, or any
 * candidate's name, except the appointee's name on an appointment (public office is public). Every
 * register route is called, anonymously, in every format, and every byte of every response scanned.
 */

let t: TestApp;
let people: Person[];
let sitting: FinishedSitting;
let appointee: Person;
const recorded: Recorded[] = [];

/** Property names a public row must never carry, whatever their value. */
const PERSONAL_PROPERTIES =
  /^(national_?id|e_?mail|user_?id|attempt_?id|booking_?id|ticket_?token|phone|birth|password)/i;

beforeAll(async () => {
  t = await createTestApp(EXAM_ENV);
  const admin = await staffMember(t, 'administrator');
  people = await applicants(t, 4);
  sitting = await finishedSitting(
    t,
    admin,
    await examBank(t),
    [{ correct: 4 }, { correct: 3 }, { correct: 1 }, 'absent'],
    {
      people,
    },
  );
  await publishResults(t, admin, sitting.sitting.id);
  appointee = people[0]!;
  await recordAppointments(t, [
    { fullName: appointee.fullName, appointedAt: t.clock.read() },
    { fullName: 'Quliyev Cavid', appointedAt: t.clock.read() },
  ]);
  const [vacancy] = await recordVacancies(t, [{ announcedAt: t.clock.read() }]);
  await advanceVacancy(t, vacancy!, 'appointed', t.clock.read(), {
    reserve: sitting.candidates
      .slice(1, 3)
      .map((c, i) => ({ rank: i + 2, candidateCode: c.booking.candidateCode, finalScore: 60 - i })),
  });

  const client = new RecordingClient(t, undefined);
  const json = async <T>(url: string) => (await client.get(url)).json<T>();
  const appointments = await json<Page<AppointmentItem>>('/api/register/appointments');
  const results = await json<Page<ResultItem>>('/api/register/results');
  const vacancies = await json<Page<VacancyItem>>('/api/register/vacancies');
  for (const kind of ['appointments', 'results', 'vacancies'])
    for (const query of ['', '?q=a', '?sort=date', '?limit=1'])
      for (const suffix of ['', '.csv', '.json']) await client.get(`/api/register/${kind}${suffix}${query}`);
  for (const a of appointments.items) await client.get(`/api/register/appointments/${a.id}`);
  for (const r of results.items) await client.get(`/api/register/results/${r.candidateCode}`);
  for (const v of vacancies.items) await client.get(`/api/register/vacancies/${v.id}`);
  await client.get('/api/register/statistics');
  await client.get(`/api/register/statistics?sitting=${sitting.sitting.code}`);
  // Searching for a person's national ID or e-mail finds nothing, and says nothing.
  for (const p of people) {
    await client.get(`/api/register/appointments?q=${encodeURIComponent(p.nationalId!)}`);
    await client.get(`/api/register/results?q=${encodeURIComponent(p.nationalId!)}`);
    await client.get(`/api/register/vacancies.csv?q=${encodeURIComponent(p.email)}`);
  }
  recorded.push(...client.responses);
});
afterAll(() => t.close());

function secretsFor(url: string): Secret[] {
  const secrets: Secret[] = [];
  for (const [i, p] of people.entries()) {
    secrets.push({ text: p.nationalId!, what: `candidate ${i}'s national ID` });
    secrets.push({ text: p.email, what: `candidate ${i}'s e-mail` });
    secrets.push({ text: p.id, what: `candidate ${i}'s account id` });
    // Only an appointment may name its appointee; no one else is ever named.
    const named = url.startsWith('/api/register/appointments') && p.id === appointee.id;
    if (!named) secrets.push({ text: p.fullName, what: `candidate ${i}'s name` });
  }
  for (const [i, c] of sitting.candidates.entries()) {
    secrets.push({ text: c.attemptId, what: `candidate ${i}'s attempt id` });
    secrets.push({ text: c.booking.id, what: `candidate ${i}'s booking id` });
  }
  return secrets;
}

function personalProperties(value: unknown, at = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => personalProperties(v, `${at}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([name, child]) => [
    ...(PERSONAL_PROPERTIES.test(name) ? [`${at}.${name}`] : []),
    ...personalProperties(child, `${at}.${name}`),
  ]);
}

describe('the public register’s privacy', () => {
  it('called every register route, every one of them public', () => {
    const routes = t.app.apiRoutes.filter((r) => r.url.startsWith('/api/register'));
    expect(routes.length).toBeGreaterThanOrEqual(13);
    for (const route of routes) {
      expect(route.access, route.url).toBe('public');
      expect(
        recorded.some((r) => r.status === 200 && matchesRoute(route.url, r.url)),
        `${route.method} ${route.url} was never called`,
      ).toBe(true);
    }
  });

  it('shows no national ID, e-mail, internal id or candidate’s name, and the appointee’s name only on appointments', () => {
    expect(recorded.length).toBeGreaterThan(40);
    const leaks = recorded.flatMap((response) => leaksIn(response, secretsFor(response.url)));
    expect(leaks).toEqual([]);
    // The scan can fail: the appointee is named where appointments are shown.
    const appointments = recorded.filter((r) => r.url.startsWith('/api/register/appointments.csv'));
    expect(appointments.some((r) => r.body.toString('utf8').includes(appointee.fullName))).toBe(true);
    expect(leaksIn(appointments[0]!, secretsFor('/api/register/results'))).not.toEqual([]);
  });

  it('has no personal property in any JSON response', () => {
    for (const response of recorded.filter((r) => r.contentType.includes('json')))
      expect(personalProperties(JSON.parse(response.body.toString('utf8'))), response.url).toEqual([]);
  });

  it('lists results by candidate code, which appear in no other candidate’s row', () => {
    const results = recorded.find((r) => r.url === '/api/register/results')!;
    const items = (JSON.parse(results.body.toString('utf8')) as Page<ResultItem>).items;
    expect(items.map((r) => r.candidateCode).sort()).toEqual(
      sitting.candidates
        .filter((c) => c.plan !== 'absent')
        .map((c) => c.booking.candidateCode)
        .sort(),
    );
    for (const item of items)
      expect(Object.keys(item).sort()).toEqual([
        'candidateCode',
        'categoryCode',
        'leafHash',
        'logIndex',
        'maxPoints',
        'passed',
        'points',
        'publishedAt',
        'revision',
        'sittingCode',
        'sittingDate',
      ]);
  });
});
