import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';
import { finishedSitting, publishResults, type FinishedSitting } from '../factories/results';
import {
  applicant,
  book,
  bookableSitting,
  EXAM_ENV,
  examBank,
  staffMember,
  type ExamBank,
  type Person,
} from '../factories/sittings';
import { createTestApp, request, type TestApp } from '../helpers/app';
import { readPdf } from '../helpers/pdf';

/**
 * The links printed on tickets and certificates (their QR codes and the text beside them) lead to the
 * configured PUBLIC_URL. A request's Host header is the client's to choose, so a ticket fetched through
 * a forged Host must not send an invigilator (or an employer checking a certificate) to that host.
 */
const PUBLIC_URL = 'https://exams.example.az';
const FORGED = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' };

let t: TestApp;
let admin: Person;
let bank: ExamBank;
let finished: FinishedSitting;

beforeAll(async () => {
  t = await createTestApp({ ...EXAM_ENV, PUBLIC_URL });
  admin = await staffMember(t, 'administrator');
  // One bank for both documents: a second bank's questions could be drawn onto the first one's papers.
  bank = await examBank(t);
  finished = await finishedSitting(t, admin, bank, [{ correct: 4 }]);
  await publishResults(t, admin, finished.sitting.id);
});
afterAll(() => t.close());

describe('printed links use PUBLIC_URL, never the Host header', () => {
  it('an admission ticket fetched with Host: evil.example', async () => {
    const sitting = await bookableSitting(t, admin, bank.blueprintId);
    const who = await applicant(t);
    const booking = await book(t, who, sitting.id);
    const response = await request(t.app, {
      method: 'GET',
      url: `/api/bookings/${booking.id}/ticket.pdf`,
      cookie: who.cookie,
      headers: FORGED,
    });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    const read = readPdf(response.rawPayload);
    expect(read.qr).toMatch(new RegExp(`^${PUBLIC_URL}/tickets/[A-Za-z0-9_-]+$`));
    expect(read.text).toContain(read.qr);
    expect(read.text).not.toContain('evil.example');
    expect(response.rawPayload.toString('latin1')).not.toContain('evil.example');
  });

  it('a certificate fetched with Host: evil.example', async () => {
    const holder = finished.candidates[0]!;
    const list = await request(t.app, { method: 'GET', url: '/api/certificates', cookie: holder.cookie });
    const [certificate] = list.json() as { id: string; code: string }[];
    expect(certificate, list.body).toBeDefined();
    const response = await request(t.app, {
      method: 'GET',
      url: `/api/certificates/${certificate!.id}/pdf`,
      cookie: holder.cookie,
      headers: FORGED,
    });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    const read = readPdf(response.rawPayload);
    const url = `${PUBLIC_URL}/certificates/${certificate!.code}`;
    expect(read.qr).toBe(url);
    expect(read.text).toContain(url);
    expect(read.text).not.toContain('evil.example');
    expect(response.rawPayload.toString('latin1')).not.toContain('evil.example');
  });
});

describe('PUBLIC_URL at boot', () => {
  it('defaults to localhost on the configured port', () => {
    expect(loadConfig({ PORT: '4100' }).publicUrl).toBe('http://localhost:4100');
  });

  it('keeps scheme, host and port, without a trailing slash', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://exams.example.az/' }).publicUrl).toBe('https://exams.example.az');
    expect(loadConfig({ PUBLIC_URL: 'http://10.0.0.5:8080' }).publicUrl).toBe('http://10.0.0.5:8080');
  });

  it.each([
    ['a path', 'https://exams.example.az/imtahan'],
    ['a query', 'https://exams.example.az/?a=1'],
    ['a fragment', 'https://exams.example.az/#top'],
    ['credentials', 'https://user:secret@exams.example.az'],
    ['another scheme', 'ftp://exams.example.az'],
    ['no scheme', 'exams.example.az'],
    ['not a URL', 'https://'],
  ])('refuses %s', (_, value) => {
    expect(() => loadConfig({ PUBLIC_URL: value })).toThrow(ConfigError);
    expect(() => loadConfig({ PUBLIC_URL: value })).toThrow(/PUBLIC_URL/);
  });
});
