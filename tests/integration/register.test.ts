import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '../../db/transaction';
import { nameMatches } from '../../server/core/name-search';
import type {
  AppointmentItem,
  Page,
  RegisterStatistics,
  ResultItem,
  VacancyItem,
} from '../../server/modules/register/register.schemas';
import type { RegisterAppointmentRow, RegisterVacancyRow } from '../../server/modules/register/register.types';
import { advanceVacancy, NAMES, recordAppointments, recordVacancies } from '../factories/register';
import { finishedSitting, publishResults, verifiedEntry, type FinishedSitting } from '../factories/results';
import { EXAM_ENV, examBank, staffMember, type Person } from '../factories/sittings';
import { createTestApp, request, type TestApp } from '../helpers/app';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const BASE = Date.parse('2026-03-01T08:00:00Z');

let t: TestApp;
let admin: Person;
let ab: FinishedSitting;
/** In the order recorded, so in `id` order: the tie-breaker of every sort. */
let appointed: RegisterAppointmentRow[];
let announced: RegisterVacancyRow[];

beforeAll(async () => {
  t = await createTestApp(EXAM_ENV);
  admin = await staffMember(t, 'administrator');
  const bank = await examBank(t);
  ab = await finishedSitting(t, admin, bank, [{ correct: 4 }, { correct: 3 }, { correct: 2 }, 'absent'], {
    categoryCode: 'AB',
  });
  await publishResults(t, admin, ab.sitting.id);
  // Each name twice: a day apart in order, and again in fives at the same instant (ties on the date),
  // with every third final score equal (ties on the score).
  appointed = await recordAppointments(t, [
    ...NAMES.map((fullName, i) => ({ fullName, appointedAt: new Date(BASE + i * DAY), finalScore: 70 + (i % 3) })),
    ...NAMES.map((fullName, i) => ({ fullName, appointedAt: new Date(BASE + (i % 5) * DAY + HOUR), agency: i + 1 })),
  ]);
  announced = await recordVacancies(
    t,
    Array.from({ length: 7 }, (_, i) => ({ announcedAt: new Date(BASE + i * DAY) })),
  );
});
afterAll(() => t.close());

async function get<T>(url: string): Promise<T> {
  const response = await request(t.app, { method: 'GET', url });
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response.json<T>();
}

/** Every page of a list, following `nextCursor`; checks each page's size on the way. */
async function allPages<T>(path: string, query: Record<string, string>, limit: number): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1_000; pages++) {
    const params: URLSearchParams = new URLSearchParams({
      ...query,
      limit: String(limit),
      ...(cursor ? { cursor } : {}),
    });
    const page: Page<T> = await get<Page<T>>(`${path}?${params}`);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    if (page.nextCursor) expect(page.items).toHaveLength(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return items;
  }
  throw new Error('the pages never ended');
}

const idsOf = (items: { id: string }[]) => items.map((i) => i.id);
const appointmentIds = (rows: RegisterAppointmentRow[]) => rows.map((r) => r.appointmentId);
const appointments = (query: Record<string, string>, limit = 7) =>
  allPages<AppointmentItem>('/api/register/appointments', query, limit);

/** The rows in a sort's order, ties broken by the order recorded (ascending) or its reverse. */
function sorted<R>(rows: R[], key: (r: R) => string | number, direction: 'asc' | 'desc'): R[] {
  const indexed = rows.map((r, i) => ({ r, i }));
  indexed.sort((a, b) => {
    const [x, y] = [key(a.r), key(b.r)];
    const c = x < y ? -1 : x > y ? 1 : a.i - b.i;
    return direction === 'asc' ? c : -c;
  });
  return indexed.map((e) => e.r);
}

describe('searching appointments by name', () => {
  it('finds Əliyev as Aliyev, ALİYEV and Алиев, and the feminine by prefix', async () => {
    const aliyev = appointed.filter((a) => /^(Əliyev|Aliyev|Алиев|Əliyeva|ALİYEV) /.test(a.fullName));
    expect(aliyev).toHaveLength(10);
    for (const q of ['Əliyev', 'Aliyev', 'ALİYEV', 'Алиев', 'aliev', 'əliyev', 'АЛИЕВ', 'Aliy'])
      expect(idsOf(await appointments({ q })).sort(), q).toEqual(appointmentIds(aliyev).sort());
    const feminine = appointed.filter((a) => a.fullName.startsWith('Əliyeva'));
    for (const q of ['Алиева', 'Əliyeva', 'aliyeva'])
      expect(idsOf(await appointments({ q })).sort(), q).toEqual(appointmentIds(feminine).sort());
  });

  it.each([
    ['Мамедов', ['Məmmədov Elçin', 'Мамедов Руслан']],
    ['Quliyev Cavid', ['Quliyev Cavid', 'Кулиев Джавид']],
    ['Джавид', ['Quliyev Cavid', 'Кулиев Джавид']],
    ['Khalilov', ['Xəlilov Şahin', 'Khalilov Murad']],
    ['Гасанова', ['Həsənova Günel', 'Гасанова Лейла']],
    ['Shahin', ['Xəlilov Şahin']],
    ['nərmin əliyev', ['Əliyev Nərmin']],
    ['Ülviyyə', ['Nəsirli Ülviyyə']],
    ['Zzzyx', []],
  ])('%s finds %j, in every script', async (q, names) => {
    const expected = appointed.filter((a) => names.includes(a.fullName));
    expect(expected).toHaveLength(names.length * 2);
    expect(appointed.filter((a) => nameMatches(a.fullName, q))).toEqual(expected);
    expect(idsOf(await appointments({ q })).sort()).toEqual(appointmentIds(expected).sort());
  });

  it('ignores a query without letters or digits, and tsquery syntax in it', async () => {
    expect(await appointments({ q: " & | ! ' :* ( " }, 100)).toHaveLength(appointed.length);
    expect(idsOf(await appointments({ q: 'Aliyev & | !' })).length).toBe(10);
  });
});

describe('filters, sorting and keyset pages', () => {
  const bakuDay = (d: Date) => new Date(d.getTime() + 4 * HOUR).toISOString().slice(0, 10);

  it('filters by agency, category and date range (Baku days, both ends inclusive)', async () => {
    const cases: [Record<string, string>, (a: RegisterAppointmentRow) => boolean][] = [
      [{ agency: 'SN' }, (a) => a.agencyCode === 'SN'],
      [{ category: 'AB' }, (a) => a.categoryCode === 'AB'],
      [
        { from: '2026-03-05', to: '2026-03-10' },
        (a) => bakuDay(a.appointedAt) >= '2026-03-05' && bakuDay(a.appointedAt) <= '2026-03-10',
      ],
      [{ from: '2026-03-03' }, (a) => bakuDay(a.appointedAt) >= '2026-03-03'],
      [{ to: '2026-03-02' }, (a) => bakuDay(a.appointedAt) <= '2026-03-02'],
      [
        { agency: 'ETN', category: 'BB', from: '2026-03-02', q: 'Aliyev' },
        (a) =>
          a.agencyCode === 'ETN' &&
          a.categoryCode === 'BB' &&
          bakuDay(a.appointedAt) >= '2026-03-02' &&
          nameMatches(a.fullName, 'Aliyev'),
      ],
    ];
    for (const [query, keep] of cases) {
      const expected = sorted(appointed.filter(keep), (a) => a.appointedAt.getTime(), 'desc');
      expect(expected.length, JSON.stringify(query)).toBeGreaterThan(0);
      expect(idsOf(await appointments(query)), JSON.stringify(query)).toEqual(appointmentIds(expected));
    }
    expect(await appointments({ agency: 'NOPE' })).toEqual([]);
  });

  it('sorts every way, and its keyset pages cover the set exactly once whatever the page size', async () => {
    const sorts: [string, (a: RegisterAppointmentRow) => string | number, 'asc' | 'desc'][] = [
      ['-date', (a) => a.appointedAt.getTime(), 'desc'],
      ['date', (a) => a.appointedAt.getTime(), 'asc'],
      ['-score', (a) => a.finalScore, 'desc'],
      ['score', (a) => a.finalScore, 'asc'],
    ];
    for (const [sort, key, direction] of sorts) {
      const expected = appointmentIds(sorted(appointed, key, direction));
      for (const limit of [1, 5, 7, 36, 200]) {
        const ids = idsOf(await appointments({ sort }, limit));
        expect(ids, `${sort} by ${limit}`).toEqual(expected);
        expect(new Set(ids).size).toBe(appointed.length);
      }
    }
    // By name: the database's collation decides the letters' order; the pages must agree with one page.
    for (const sort of ['name', '-name']) {
      const one = idsOf(await appointments({ sort }, 200));
      expect(one).toHaveLength(appointed.length);
      expect(idsOf(await appointments({ sort }, 4))).toEqual(one);
    }
    const names = (await appointments({ sort: 'name' }, 200)).map((a) => a.fullName);
    expect(names.indexOf('Aliyev Rəşad')).toBeLessThan(names.indexOf('Rzayev Kamran'));
  });

  it('pages a search with filters the same as the whole list', async () => {
    const query = { q: 'a', category: 'AB', sort: '-score' };
    expect(idsOf(await appointments(query, 3))).toEqual(idsOf(await appointments(query, 200)));
  });

  it('refuses a cursor it did not give, or one given for another sort', async () => {
    const { nextCursor } = await get<Page<AppointmentItem>>('/api/register/appointments?limit=2');
    for (const [url, field] of [
      [`/api/register/appointments?sort=score&cursor=${nextCursor}`, 'cursor'],
      ['/api/register/appointments?cursor=not-a-cursor', 'cursor'],
      [`/api/register/appointments?cursor=${Buffer.from('["-date","yesterday",1]').toString('base64url')}`, 'cursor'],
      [`/api/register/appointments?cursor=${Buffer.from('["-date","2026-01-01",-1]').toString('base64url')}`, 'cursor'],
      ['/api/register/appointments?from=2026-03-10&to=2026-03-01', 'to'],
    ] as const) {
      const response = await request(t.app, { method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
      expect(response.json<{ error: { fields: { field: string }[] } }>().error.fields[0]!.field, url).toBe(field);
    }
  });
});

describe('receipts', () => {
  it('every appointment carries the receipt of its own log entry, which verifies against the log', async () => {
    const items = await appointments({}, 200);
    expect(items).toHaveLength(appointed.length);
    for (const item of items) {
      const entry = await verifiedEntry(t, item);
      expect(entry).toMatchObject({ type: 'appointment.made', appointmentId: item.id, fullName: item.fullName });
    }
  });

  it('an appointment’s detail is its list item with its receipt', async () => {
    const [item] = (await get<Page<AppointmentItem>>('/api/register/appointments?limit=1')).items;
    const detail = await get<{
      item: AppointmentItem;
      receipt: { logIndex: number; leafHash: string; entryUrl: string };
    }>(`/api/register/appointments/${item!.id}`);
    expect(detail.item).toEqual(item);
    expect(detail.receipt).toEqual({
      logIndex: item!.logIndex,
      leafHash: item!.leafHash,
      entryUrl: `/api/log/entries/${item!.logIndex}`,
    });
    await verifiedEntry(t, detail.receipt);
    const missing = await request(t.app, {
      method: 'GET',
      url: '/api/register/appointments/00000000-0000-4000-8000-000000000000',
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('published results by candidate code', () => {
  it('lists every result the publication logged, with its receipt, and nobody who was absent', async () => {
    const page = await get<Page<ResultItem>>(`/api/register/results?sitting=${ab.sitting.code}&sort=-points`);
    const sat = ab.candidates.filter((c) => c.plan !== 'absent');
    expect(page.items.map((r) => r.candidateCode).sort()).toEqual(sat.map((c) => c.booking.candidateCode).sort());
    expect(page.items.map((r) => r.points)).toEqual([...page.items.map((r) => r.points)].sort((a, b) => b - a));
    for (const item of page.items) {
      expect(item).toMatchObject({ sittingCode: ab.sitting.code, categoryCode: 'AB', revision: 1 });
      const entry = await verifiedEntry(t, item);
      expect(entry).toMatchObject({
        type: 'result.published',
        candidateCode: item.candidateCode,
        points: item.points,
        passed: item.passed,
      });
    }
  });

  it('finds a result by the beginning of its candidate code, in any case, and shows its detail', async () => {
    const code = ab.candidates[0]!.booking.candidateCode;
    const found = await get<Page<ResultItem>>(`/api/register/results?q=${code.slice(0, 5).toLowerCase()}`);
    expect(found.items.map((r) => r.candidateCode)).toContain(code);
    for (const r of found.items) expect(r.candidateCode.startsWith(code.slice(0, 5))).toBe(true);
    const detail = await get<{ item: ResultItem; receipt: { logIndex: number } }>(
      `/api/register/results/${code.toLowerCase()}`,
    );
    expect(detail.item.candidateCode).toBe(code);
    expect(detail.receipt.logIndex).toBe(detail.item.logIndex);
    expect((await request(t.app, { method: 'GET', url: '/api/register/results/NOSUCHCD' })).statusCode).toBe(404);
  });

  it('keeps the latest revision of a result, and ignores an older one recorded late', async () => {
    const code = ab.candidates[1]!.booking.candidateCode;
    const before = (await get<{ item: ResultItem }>(`/api/register/results/${code}`)).item;
    const record = (revision: number, points: number) =>
      transaction(t.database.db, async () => {
        const [receipt] = await t.services.log.append([
          { type: 'result.published', sittingCode: before.sittingCode, candidateCode: code, points, revision },
        ]);
        const summary = { logIndex: receipt!.logIndex, leafHash: receipt!.leafHash };
        const sittingDate = new Date(before.sittingDate);
        await t.services.register.recordResults(
          [{ ...before, sittingDate, publishedAt: t.clock.read(), points, revision, ...summary }],
          {
            sittingCode: before.sittingCode,
            categoryCode: before.categoryCode,
            sittingDate,
            revision,
            registered: 4,
            sat: 3,
            passed: 3,
            distribution: [],
            ...summary,
          },
        );
      });
    await record(2, before.points + 1);
    await record(1, 0);
    const after = (await get<{ item: ResultItem }>(`/api/register/results/${code}`)).item;
    expect(after).toMatchObject({ revision: 2, points: before.points + 1 });
    await verifiedEntry(t, after);
    const results = await get<Page<ResultItem>>(`/api/register/results?sitting=${ab.sitting.code}`);
    expect(results.items.filter((r) => r.candidateCode === code)).toHaveLength(1);
  });
});

describe('vacancies', () => {
  it('lists every vacancy announced once, its status and timeline following its steps, each step with its receipt', async () => {
    const [first] = announced;
    await advanceVacancy(t, first!, 'interviews', new Date(BASE + 20 * DAY));
    const appointedVacancy = await advanceVacancy(
      t,
      { ...first!, status: 'interviews', timeline: [...first!.timeline] },
      'appointed',
      new Date(BASE + 30 * DAY),
      { reserve: [{ rank: 2, candidateCode: 'ACDE3467', finalScore: 71.5 }] },
    );
    const all = await allPages<VacancyItem>('/api/register/vacancies', {}, 3);
    expect(all.map((v) => v.id).sort()).toEqual(announced.map((v) => v.vacancyId).sort());
    const detail = await get<{ item: VacancyItem }>(`/api/register/vacancies/${first!.vacancyId}`);
    expect(detail.item.status).toBe('appointed');
    expect(detail.item.reserve).toEqual(appointedVacancy.reserve);
    expect(detail.item.timeline.map((s) => s.event)).toEqual(['announced', 'appointed']);
    expect(await verifiedEntry(t, detail.item)).toMatchObject({
      type: 'vacancy.announced',
      vacancyCode: first!.vacancyCode,
    });
    for (const step of detail.item.timeline)
      await verifiedEntry(t, { logIndex: step.logIndex!, leafHash: step.leafHash! });
    expect((await get<Page<VacancyItem>>('/api/register/vacancies?status=appointed')).items.map((v) => v.id)).toEqual([
      first!.vacancyId,
    ]);
  });

  it('searches positions and agencies in any language and script, and filters and sorts', async () => {
    const bySearch = async (q: string) =>
      (await allPages<VacancyItem>('/api/register/vacancies', { q }, 50)).map((v) => v.id).sort();
    const health = announced
      .filter((v) => v.agencyCode === 'SN')
      .map((v) => v.vacancyId)
      .sort();
    expect(health.length).toBeGreaterThan(0);
    expect(await bySearch('здравоохранения')).toEqual(health);
    expect(await bySearch('Səhiyyə')).toEqual(health);
    expect(await bySearch('sahiyya nazirliyi')).toEqual(health);
    expect(await bySearch('Ведущий консультант')).toEqual(announced.map((v) => v.vacancyId).sort());
    expect(await bySearch(announced[2]!.vacancyCode)).toEqual([announced[2]!.vacancyId]);
    const deadlines = (
      await allPages<VacancyItem>('/api/register/vacancies', { sort: 'deadline', category: 'AB' }, 2)
    ).map((v) => v.applicationDeadline);
    expect(deadlines).toEqual([...deadlines].sort());
    expect(deadlines).toHaveLength(announced.filter((v) => v.categoryCode === 'AB').length);
  });
});

describe('statistics', () => {
  it('counts candidates, sat and passed per category and month, the histogram per sitting, appointments per agency', async () => {
    const stats = await get<RegisterStatistics>('/api/register/statistics');
    const sitting = stats.sittings.find((s) => s.sittingCode === ab.sitting.code)!;
    // Revision 2, recorded by the test above, replaced the sitting's counts; the late revision 1 did not.
    expect(sitting).toMatchObject({ registered: 4, sat: 3, passed: 3 });
    await verifiedEntry(t, sitting);
    const month = new Date(new Date(ab.sitting.startsAt).getTime() + 4 * HOUR).toISOString().slice(0, 7);
    const row = stats.byCategoryMonth.find((r) => r.categoryCode === 'AB' && r.month === month)!;
    expect(row).toMatchObject({ candidates: 4, sat: 3 });
    expect(row.passRate).toBeCloseTo(row.passed / row.sat, 4);
    const perAgency = Object.fromEntries(stats.appointmentsByAgency.map((a) => [a.agency.code, a.appointments]));
    const expected: Record<string, number> = {};
    for (const a of appointed) expected[a.agencyCode] = (expected[a.agencyCode] ?? 0) + 1;
    expect(perAgency).toEqual(expected);
    expect(stats.appointmentsByAgency.find((a) => a.agency.code === 'SN')!.agency.name.az).toBe('Səhiyyə Nazirliyi');
    const one = await get<RegisterStatistics>(`/api/register/statistics?sitting=${ab.sitting.code}`);
    expect(one.sittings.map((s) => s.sittingCode)).toEqual([ab.sitting.code]);
  });

  it('publishing a sitting’s results records their histogram exactly as published', async () => {
    const fresh = await createTestApp(EXAM_ENV);
    try {
      const boss = await staffMember(fresh, 'administrator');
      const sat = await finishedSitting(fresh, boss, await examBank(fresh), [
        { correct: 4 },
        { correct: 4 },
        { correct: 1 },
      ]);
      const published = await publishResults(fresh, boss, sat.sitting.id);
      const response = await request(fresh.app, { method: 'GET', url: '/api/register/statistics' });
      const stats = response.json<RegisterStatistics>();
      expect(stats.sittings).toHaveLength(1);
      expect(stats.sittings[0]).toMatchObject({
        sittingCode: sat.sitting.code,
        registered: 3,
        sat: 3,
        passed: published.statistics.passed,
        distribution: published.statistics.distribution,
      });
      expect(stats.appointmentsByAgency).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
