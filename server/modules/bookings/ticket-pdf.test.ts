import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../tests/helpers/pdf';
import { renderTicketPdf, type TicketPdfInput } from './ticket-pdf';
import { TICKET_TEXT, type TicketLanguage } from './ticket-text';

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

/** The ticket as a reader sees it: its text and the QR code on its page. */
const read = async (input: TicketPdfInput, language: TicketLanguage, url = checkUrl) =>
  readPdf(await renderTicketPdf(input, language, url));

describe('renderTicketPdf', () => {
  it('is a one-page PDF', async () => {
    const pdf = await renderTicketPdf(ticket, 'az', checkUrl);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(readPdf(pdf).pages).toBe(1);
  });

  it('prints the Azerbaijani letters and labels exactly, with Baku times', async () => {
    const { text } = await read(ticket, 'az');
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
    const { text } = await read({ ...ticket, categoryName: 'Исполнительные должности' }, 'ru');
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
    const { text } = await read({ ...ticket, mode: 'online' }, 'en');
    for (const rule of TICKET_TEXT.en.rules.online) expect(text).toContain(rule);
    expect(text).toContain(TICKET_TEXT.en.modes.online);
    expect(text).not.toContain(TICKET_TEXT.en.rules.centre[0]);
  });

  it('carries a QR code that decodes to the check URL', async () => {
    expect((await read(ticket, 'az')).qr).toBe(checkUrl);
    const other = 'http://127.0.0.1:3000/tickets/abcdefghijklmnop';
    expect((await read(ticket, 'ru', other)).qr).toBe(other);
  });
});
