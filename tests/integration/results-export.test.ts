import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { finishedSitting, publishResults, signedInAgain, type FinishedSitting } from '../factories/results';
import { applicant, staffMember, type ExamBank, type Person } from '../factories/sittings';
import { request, type TestApp } from '../helpers/app';
import { examSuite } from '../helpers/exam-suite';
import { auditEntries } from '../helpers/exam';
import { readPdf } from '../helpers/pdf';

let t: TestApp;
let admin: Person;
let bank: ExamBank;
let done: FinishedSitting;

const get = (who: Person, url: string) => request(t.app, { method: 'GET', url, cookie: who.cookie });
const csvUrl = (id: string) => `/api/admin/sittings/${id}/results.csv`;
const pdfUrl = (id: string, lang = 'az') => `/api/admin/sittings/${id}/pass-list.pdf?lang=${lang}`;

examSuite((suite) => ({ t, admin, bank } = suite));
beforeAll(async () => {
  // Pass at 3 of 4: two pass (4 and 3 right), one fails, one stays away, one is annulled.
  done = await finishedSitting(t, admin, bank, [{ correct: 4 }, { correct: 1 }, { correct: 3 }, 'absent', 'annulled']);
});

describe('results export for administrators', () => {
  it('refuses before the results are published, and for a sitting that does not exist', async () => {
    const early = await get(admin, csvUrl(done.sitting.id));
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json<{ error: { fields: { code: string }[] } }>().error.fields[0]!.code).toBe('results.not_published');
    expect((await get(admin, pdfUrl(done.sitting.id))).statusCode).toBe(409);
    expect((await get(admin, csvUrl('00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);
    expect((await get(admin, csvUrl('not-a-uuid'))).statusCode).toBe(400);
    expect((await get(admin, `${pdfUrl(done.sitting.id)}x`)).statusCode).toBe(400);
  });

  it('gives every candidate with name and national ID as CSV, best first, and audits it', async () => {
    admin = await signedInAgain(t, admin);
    await publishResults(t, admin, done.sitting.id);
    const response = await get(admin, csvUrl(done.sitting.id));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['cache-control']).toBe('no-store');
    const rows = parse(response.body, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(5);
    const byName = new Map(rows.map((r) => [r.fullName, r]));
    for (const c of done.candidates) {
      const row = byName.get(c.fullName)!;
      expect(row, c.fullName).toBeDefined();
      expect(row.nationalId).toBe(c.nationalId);
      expect(row.nationalIdScheme).toBe('AZ_FIN');
      expect(row.candidateCode).toBe(c.booking.candidateCode);
    }
    const [best, second] = rows;
    expect(best).toMatchObject({ rank: '1', points: '4', passed: 'true', fullName: done.candidates[0]!.fullName });
    expect(second).toMatchObject({ rank: '2', points: '3', passed: 'true', fullName: done.candidates[2]!.fullName });
    expect(byName.get(done.candidates[4]!.fullName)).toMatchObject({ status: 'annulled', points: '', rank: '' });
    const audited = await auditEntries(t, 'results.exported');
    expect(audited.at(-1)).toMatchObject({
      actorId: admin.id,
      targetId: done.sitting.id,
      details: { format: 'csv', count: 5 },
    });
  });

  it.each(['az', 'ru', 'en'] as const)(
    'prints the pass list in %s with names and national IDs of those who passed only',
    async (lang) => {
      const response = await get(admin, pdfUrl(done.sitting.id, lang));
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      const { text, pages } = readPdf(response.rawPayload);
      expect(pages).toBe(1);
      const title = { az: 'Testdən keçənlərin siyahısı', ru: 'Список прошедших тест', en: 'Pass list' }[lang];
      expect(text).toContain(title);
      expect(text).toContain(done.sitting.code);
      for (const c of [done.candidates[0]!, done.candidates[2]!]) {
        expect(text).toContain(c.fullName);
        expect(text).toContain(c.nationalId!);
        expect(text).toContain(c.booking.candidateCode);
      }
      for (const c of done.candidates.slice(3).concat(done.candidates[1]!)) expect(text).not.toContain(c.fullName);
      const audited = await auditEntries(t, 'results.exported');
      expect(audited.at(-1)).toMatchObject({ details: { format: 'pdf', language: lang, count: 2 } });
    },
  );

  it('refuses examiners, applicants (even one in the sitting) and the anonymous', async () => {
    const examiner = await staffMember(t, 'examiner');
    const outsider = await applicant(t);
    const candidate = await signedInAgain(t, done.candidates[0]!);
    const before = (await auditEntries(t, 'results.exported')).length;
    for (const who of [examiner, outsider, candidate]) {
      for (const url of [csvUrl(done.sitting.id), pdfUrl(done.sitting.id)]) {
        const response = await get(who, url);
        expect(response.statusCode, url).toBe(403);
        expect(response.body).not.toContain(done.candidates[0]!.nationalId!);
      }
    }
    const anonymous = await request(t.app, { method: 'GET', url: csvUrl(done.sitting.id) });
    expect(anonymous.statusCode).toBe(401);
    expect((await auditEntries(t, 'results.exported')).length).toBe(before);
  });
});
