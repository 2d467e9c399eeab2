import { COLUMN, createPdf, documentDate, drawField, drawQr, drawRule, INK, MUTED, PAGE, tag } from '../documents/pdf';
import { roundPoints } from '../../core/points';
import { CERTIFICATE_TEXT, type CertificateLanguage } from './certificate-text';

/** What a certificate prints; names are already in the certificate's language. */
export interface CertificatePdfInput {
  code: string;
  fullName: string;
  categoryCode: string;
  categoryName: string;
  /** Every subgroup the certificate covers, its own first: `AB — AB altqrupu`. */
  covers: string[];
  sittingCode: string;
  points: number;
  maxPoints: number;
  issuedAt: Date;
  validUntil: Date;
  revoked: boolean;
}

const QR_SIZE = 140;

/**
 * The pass certificate as a one-page A4 PDF: who passed, for which subgroups, until when (Baku
 * dates), and a QR code of `verifyUrl`, the public page that tells anyone whether it is genuine and valid.
 */
export async function renderCertificatePdf(
  certificate: CertificatePdfInput,
  language: CertificateLanguage,
  verifyUrl: string,
): Promise<Buffer> {
  const text = CERTIFICATE_TEXT[language];
  const { doc, root, done } = createPdf({
    title: `${text.title} ${certificate.code}`,
    subject: certificate.code,
    language,
  });
  const { left, width } = COLUMN;

  tag(doc, root, 'H1', () =>
    doc
      .font('bold')
      .fontSize(26)
      .fillColor(INK)
      .text(text.title, left, PAGE.margin + 20, { width, align: 'center' }),
  );
  tag(doc, root, 'P', () =>
    doc.font('regular').fontSize(12).fillColor(MUTED).text(text.subtitle, { width, align: 'center' }),
  );
  doc.moveDown(1.5);
  tag(doc, root, 'P', () =>
    doc.font('regular').fontSize(12).fillColor(INK).text(text.statement, { width, align: 'center' }),
  );
  doc.moveDown(1);
  tag(doc, root, 'P', () => {
    doc.font('regular').fontSize(9).fillColor(MUTED).text(text.holder, { width, align: 'center' });
    doc.font('bold').fontSize(22).fillColor(INK).text(certificate.fullName, { width, align: 'center' });
  });

  let y = doc.y + 18;
  drawRule(doc, y);
  y += 16;

  // The fields run down the left, the QR code sits on the right; it is read after them.
  const qrLeft = left + width - QR_SIZE;
  const fieldsWidth = width - QR_SIZE - 24;
  const top = y;
  const field = (label: string, value: string, large = false) => {
    y =
      drawField(doc, root, { label, value, bold: large, size: large ? 16 : 12 }, { x: left, y, width: fieldsWidth }) +
      8;
  };
  field(text.category, `${certificate.categoryCode} — ${certificate.categoryName}`, true);
  field(text.covers, certificate.covers.join('; '));
  field(text.sitting, certificate.sittingCode);
  field(text.points, `${roundPoints(certificate.points)} / ${roundPoints(certificate.maxPoints)}`);
  field(text.issuedAt, documentDate(certificate.issuedAt));
  field(text.validUntil, certificate.revoked ? text.revoked : documentDate(certificate.validUntil));
  field(text.code, certificate.code, true);
  drawQr(doc, root, { value: verifyUrl, alt: text.qrAlt }, qrLeft, top, QR_SIZE);

  y = Math.max(y, top + QR_SIZE) + 12;
  drawRule(doc, y);
  tag(doc, root, 'P', () => {
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(MUTED)
      .text(text.check, left, y + 12, { width });
    doc.font('regular').fontSize(9).fillColor(INK).text(verifyUrl, { width, link: verifyUrl });
  });

  doc.end();
  return done;
}
