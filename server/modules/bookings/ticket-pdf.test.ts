import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { renderTicketPdf, type TicketPdfInput } from './ticket-pdf';
import { TICKET_TEXT, type TicketLanguage } from './ticket-text';

// The PDF is read back with Debian's poppler-utils (pdftotext, pdftoppm), as a reader would see it.
const dir = mkdtempSync(join(tmpdir(), 'imtahan-ticket-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ticket: TicketPdfInput = {
  candidateCode: 'K2026-004217',
  fullName: 'Əliyeva Şəbnəm Ğ.',
  sittingCode: '2026-12-15-10',
  categoryCode: 'B3',
  categoryName: 'İcraçı vəzifələr: üçüncü yarımqrup',
  mode: 'centre',
  // 10:00 in Baku (UTC+4), whatever zone the machine is in.
  startsAt: new Date('2026-12-15T06:00:00Z'),
  arrivalAt: new Date('2026-12-15T05:30:00Z'),
  entryClosesAt: new Date('2026-12-15T06:30:00Z'),
  durationMinutes: 180,
  room: 'Zal 2',
  seat: 17,
};
const checkUrl = 'https://imtahan.example.az/tickets/Qx7_pL2mZk9-RtY4vB8nWc';

let counter = 0;
async function render(input: TicketPdfInput, language: TicketLanguage, url = checkUrl): Promise<string> {
  const path = join(dir, `ticket-${counter++}.pdf`);
  writeFileSync(path, await renderTicketPdf(input, language, url));
  return path;
}

/** The page's text with runs of whitespace (line wraps included) made single spaces. */
function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

function decodeQr(path: string): string | null {
  const prefix = join(dir, `page-${counter++}`);
  execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', path, prefix]);
  const png = PNG.sync.read(readFileSync(`${prefix}.png`));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

describe('renderTicketPdf', () => {
  it('is a one-page PDF', async () => {
    const pdf = await renderTicketPdf(ticket, 'az', checkUrl);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const path = join(dir, 'pages.pdf');
    writeFileSync(path, pdf);
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/^Pages:\s+1$/m);
  });

  it('prints the Azerbaijani letters and labels exactly, with Baku times', async () => {
    const text = pdfText(await render(ticket, 'az'));
    const az = TICKET_TEXT.az;
    for (const expected of [
      az.title,
      'Əliyeva Şəbnəm Ğ.',
      'B3 — İcraçı vəzifələr: üçüncü yarımqrup',
      'K2026-004217',
      '2026-12-15-10',
      'Zal 2',
      az.candidateCode,
      az.fullName,
      az.sitting,
      az.room,
      az.seat,
      az.arrival,
      az.modes.centre,
      az.timeZone,
      az.rulesTitle,
      ...az.rules.centre,
      '15.12.2026',
      '09:30',
      '10:00',
      '10:30',
      '180 dəqiqə',
      checkUrl,
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('prints the Russian labels and memo exactly', async () => {
    const text = pdfText(await render({ ...ticket, categoryName: 'Исполнительные должности' }, 'ru'));
    for (const expected of [
      'Допуск на экзамен',
      'Код кандидата',
      'Фамилия, имя',
      'Смена экзамена',
      'Аудитория',
      'Место',
      'Время прибытия',
      'Памятка кандидату',
      'Всё время указано по Баку (UTC+4).',
      ...TICKET_TEXT.ru.rules.centre,
      'Əliyeva Şəbnəm Ğ.',
      'Исполнительные должности',
      '180 мин.',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain(TICKET_TEXT.az.rulesTitle);
  });

  it('gives an online sitting the online rules', async () => {
    const text = pdfText(await render({ ...ticket, mode: 'online' }, 'en'));
    for (const rule of TICKET_TEXT.en.rules.online) expect(text).toContain(rule);
    expect(text).toContain(TICKET_TEXT.en.modes.online);
    expect(text).not.toContain(TICKET_TEXT.en.rules.centre[0]);
  });

  it('carries a QR code that decodes to the check URL', async () => {
    expect(decodeQr(await render(ticket, 'az'))).toBe(checkUrl);
    const other = 'http://127.0.0.1:3000/tickets/abcdefghijklmnop';
    expect(decodeQr(await render(ticket, 'ru', other))).toBe(other);
  });
});
