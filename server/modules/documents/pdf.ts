import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/**
 * What every printed document shares: an A4 pdfkit document with DejaVu embedded, a QR code drawn as
 * vectors, and dates in Baku time. The admission ticket and the certificate are built on these.
 */

// DejaVu from npm (Bitstream Vera licence, redistributable): it has every Azerbaijani and Cyrillic
// letter, and it comes with `npm install`, so no system font is needed.
const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

export const PAGE = { width: 595.28, height: 841.89, margin: 50 }; // A4 in points

/** The printed column, from the left margin to the right one. */
export const COLUMN = { left: PAGE.margin, width: PAGE.width - 2 * PAGE.margin };

/** The inks of every printed document: values, labels and notes, hairline rules. */
export const INK = '#1a1a1a';
export const MUTED = '#555555';
export const RULE = '#999999';

/** A hairline rule across the column at `y`. */
export function drawRule(doc: PDFKit.PDFDocument, y: number): void {
  doc
    .moveTo(COLUMN.left, y)
    .lineTo(COLUMN.left + COLUMN.width, y)
    .strokeColor(RULE)
    .lineWidth(0.5)
    .stroke();
}

/** A small muted label over its value; returns the y just below the value. */
export function drawField(
  doc: PDFKit.PDFDocument,
  field: { label: string; value: string; bold: boolean; size: number },
  at: { x: number; y: number; width: number },
): number {
  doc.font('regular').fontSize(9).fillColor(MUTED).text(field.label, at.x, at.y, { width: at.width });
  doc
    .font(field.bold ? 'bold' : 'regular')
    .fontSize(field.size)
    .fillColor(INK)
    .text(field.value, at.x, doc.y + 1, { width: at.width });
  return doc.y;
}

/**
 * A new A4 document with the fonts `regular` and `bold` registered, and a promise of its bytes once
 * `doc.end()` is called.
 */
export function createPdf(options: { title: string; subject: string; language: string }): {
  doc: PDFKit.PDFDocument;
  done: Promise<Buffer>;
} {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    info: { Title: options.title, Subject: options.subject },
    lang: options.language,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  return { doc, done };
}

/** The QR code as vector squares, sharp at any print size, with the standard four-module quiet zone. */
export function drawQr(doc: PDFKit.PDFDocument, value: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(value, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const cell = size / (modules.size + 2 * quiet);
  doc.save().fillColor('#000000');
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell, cell);
    }
  }
  doc.fill().restore();
}

/** Every time on a printed document is Baku time, whatever the server's zone. */
export const DOCUMENT_TIME_ZONE = 'Asia/Baku';

/** `15.12.2026`: day first in all three languages, so no month name depends on ICU data. */
export function documentDate(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: DOCUMENT_TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}.${get('month')}.${get('year')}`;
}
