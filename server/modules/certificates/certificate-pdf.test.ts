import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { renderCertificatePdf, type CertificatePdfInput } from './certificate-pdf';
import { CERTIFICATE_TEXT, type CertificateLanguage } from './certificate-text';

// The PDF is read back with Debian's poppler-utils (pdftotext, pdftoppm), as a reader would see it.
const dir = mkdtempSync(join(tmpdir(), 'imtahan-certificate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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

let counter = 0;
async function render(input: CertificatePdfInput, language: CertificateLanguage, url = verifyUrl) {
  const path = join(dir, `certificate-${counter++}.pdf`);
  writeFileSync(path, await renderCertificatePdf(input, language, url));
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

describe('renderCertificatePdf', () => {
  it('is a one-page PDF', async () => {
    const path = await render(certificate, 'az');
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/^Pages:\s+1$/m);
  });

  it('prints the Azerbaijani text exactly, with Baku dates', async () => {
    const text = pdfText(await render(certificate, 'az'));
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
    const text = pdfText(
      await render({ ...certificate, categoryName: 'Подгруппа AB', covers: ['AB — Подгруппа AB'] }, 'ru'),
    );
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
    const text = pdfText(await render({ ...certificate, revoked: true }, 'en'));
    expect(text).toContain(CERTIFICATE_TEXT.en.revoked);
    expect(text).not.toContain('15.12.2031');
  });

  it('carries a QR code that decodes to the verification URL', async () => {
    expect(decodeQr(await render(certificate, 'az'))).toBe(verifyUrl);
    const other = 'http://127.0.0.1:3000/certificates/ACDE-FGHJ-KLMN';
    expect(decodeQr(await render(certificate, 'ru', other))).toBe(other);
  });
});
