import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../tests/helpers/pdf';
import { renderCertificatePdf, type CertificatePdfInput } from './certificate-pdf';
import { CERTIFICATE_TEXT, type CertificateLanguage } from './certificate-text';

const certificate: CertificatePdfInput = {
  code: 'CQ7H-4KXM-9TRW',
  fullName: 'Əliyeva Şəbnəm Ğ.',
  categoryCode: 'AB',
  categoryName: 'AB altqrupu',
  covers: ['AB — AB altqrupu', 'AC — AC altqrupu'],
  sittingCode: '2026-12-15-10',
  points: 72.5,
  maxPoints: 100,
  // 23:30 on 14 December UTC is already the 15th in Baku (UTC+4).
  issuedAt: new Date('2026-12-14T23:30:00Z'),
  validUntil: new Date('2031-12-14T23:30:00Z'),
  revoked: false,
};
const verifyUrl = 'https://imtahan.example.az/certificates/CQ7H-4KXM-9TRW';

/** The certificate as a reader sees it: its text and the QR code on its page. */
const read = async (input: CertificatePdfInput, language: CertificateLanguage, url = verifyUrl) =>
  readPdf(await renderCertificatePdf(input, language, url));

describe('renderCertificatePdf', () => {
  it('is a one-page PDF', async () => {
    const pdf = await renderCertificatePdf(certificate, 'az', verifyUrl);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(readPdf(pdf).pages).toBe(1);
  });

  it('prints the Azerbaijani text exactly, with Baku dates', async () => {
    const { text } = await read(certificate, 'az');
    const az = CERTIFICATE_TEXT.az;
    for (const expected of [
      az.title,
      az.subtitle,
      az.statement,
      az.holder,
      az.category,
      az.covers,
      az.sitting,
      az.points,
      az.issuedAt,
      az.validUntil,
      az.code,
      az.check,
      'Əliyeva Şəbnəm Ğ.',
      'AB — AB altqrupu',
      'AB — AB altqrupu; AC — AC altqrupu',
      '2026-12-15-10',
      '72.5 / 100',
      '15.12.2026',
      '15.12.2031',
      'CQ7H-4KXM-9TRW',
      verifyUrl,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain(az.revoked);
  });

  it('prints the Russian text exactly', async () => {
    const { text } = await read({ ...certificate, categoryName: 'Подгруппа AB', covers: ['AB — Подгруппа AB'] }, 'ru');
    const ru = CERTIFICATE_TEXT.ru;
    for (const expected of [
      'Сертификат',
      'Тестовый экзамен для поступления на государственную службу',
      'Настоящий сертификат подтверждает, что его владелец успешно сдал тестовый экзамен для поступления на государственную службу.',
      'Владелец сертификата',
      'Категория',
      'Охватываемые подгруппы',
      'Действителен до',
      'Код сертификата',
      ru.check,
      'Əliyeva Şəbnəm Ğ.',
      'AB — Подгруппа AB',
      '15.12.2031',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain(CERTIFICATE_TEXT.az.statement);
  });

  it('says so on a revoked certificate instead of a validity date', async () => {
    const { text } = await read({ ...certificate, revoked: true }, 'en');
    expect(text).toContain(CERTIFICATE_TEXT.en.revoked);
    expect(text).not.toContain('15.12.2031');
  });

  it('carries a QR code that decodes to the verification URL', async () => {
    expect((await read(certificate, 'az')).qr).toBe(verifyUrl);
    const other = 'http://127.0.0.1:3000/certificates/ACDE-FGHJ-KLMN';
    expect((await read(certificate, 'ru', other)).qr).toBe(other);
  });
});
