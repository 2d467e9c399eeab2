import { createPdf, drawQr, PAGE } from '../documents/pdf';
import { TICKET_TEXT, ticketDate, ticketTime, type TicketLanguage } from './ticket-text';

/** What an admission ticket prints; names and the category are already in the ticket's language. */
export interface TicketPdfInput {
  candidateCode: string;
  fullName: string;
  sittingCode: string;
  categoryCode: string;
  categoryName: string;
  mode: 'centre' | 'online';
  startsAt: Date;
  arrivalAt: Date;
  entryClosesAt: Date;
  durationMinutes: number;
  room: string;
  seat: number;
}

const QR_SIZE = 150;
const INK = '#1a1a1a';
const MUTED = '#555555';
const RULE = '#999999';

/**
 * The admission ticket as a one-page A4 PDF: who, where and when (Baku time), the rules memo, and a
 * QR code of `checkUrl`, the public page that tells an invigilator whether the ticket is valid.
 */
export async function renderTicketPdf(
  ticket: TicketPdfInput,
  language: TicketLanguage,
  checkUrl: string,
): Promise<Buffer> {
  const text = TICKET_TEXT[language];
  const { doc, done } = createPdf({
    title: `${text.title} ${ticket.candidateCode}`,
    subject: ticket.sittingCode,
    language,
  });
  const left = PAGE.margin;
  const width = PAGE.width - 2 * PAGE.margin;

  doc.font('bold').fontSize(20).fillColor(INK).text(text.title, left, PAGE.margin, { width });
  doc.font('regular').fontSize(11).fillColor(MUTED).text(text.subtitle, { width });
  const headerBottom = doc.y + 10;
  doc
    .moveTo(left, headerBottom)
    .lineTo(left + width, headerBottom)
    .strokeColor(RULE)
    .lineWidth(0.5)
    .stroke();

  // The QR code sits top right, the fields run down its left.
  const qrLeft = left + width - QR_SIZE;
  const qrTop = headerBottom + 16;
  drawQr(doc, checkUrl, qrLeft, qrTop, QR_SIZE);

  const fieldsWidth = width - QR_SIZE - 24;
  let y = qrTop;
  const field = (label: string, value: string, large = false) => {
    doc.font('regular').fontSize(9).fillColor(MUTED).text(label, left, y, { width: fieldsWidth });
    doc
      .font(large ? 'bold' : 'regular')
      .fontSize(large ? 18 : 12)
      .fillColor(INK)
      .text(value, left, doc.y + 1, { width: fieldsWidth });
    y = doc.y + 8;
  };
  field(text.candidateCode, ticket.candidateCode, true);
  field(text.fullName, ticket.fullName, true);
  field(text.sitting, ticket.sittingCode);
  field(text.category, `${ticket.categoryCode} — ${ticket.categoryName}`);
  field(text.mode, text.modes[ticket.mode]);

  // Where and when, in a band of equal columns below both.
  y = Math.max(y, qrTop + QR_SIZE) + 12;
  doc
    .moveTo(left, y)
    .lineTo(left + width, y)
    .strokeColor(RULE)
    .stroke();
  y += 12;
  const cells: [string, string][] = [
    [text.date, ticketDate(ticket.startsAt)],
    [text.arrival, ticketTime(ticket.arrivalAt)],
    [text.start, ticketTime(ticket.startsAt)],
    [text.entryCloses, ticketTime(ticket.entryClosesAt)],
  ];
  const placeCells: [string, string][] = [
    [text.room, ticket.room],
    [text.seat, String(ticket.seat)],
    [text.duration, text.minutes(ticket.durationMinutes)],
  ];
  y = band(doc, cells, left, y, width);
  y = band(doc, placeCells, left, y + 8, width);
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(MUTED)
    .text(text.timeZone, left, y + 4, { width });
  y = doc.y + 12;
  doc
    .moveTo(left, y)
    .lineTo(left + width, y)
    .strokeColor(RULE)
    .stroke();

  doc
    .font('bold')
    .fontSize(12)
    .fillColor(INK)
    .text(text.rulesTitle, left, y + 12, { width });
  doc.moveDown(0.3);
  doc
    .font('regular')
    .fontSize(10)
    .fillColor(INK)
    .list(text.rules[ticket.mode], { width, bulletRadius: 1.5, textIndent: 10, paragraphGap: 3 });

  doc.moveDown(1.2);
  doc.font('regular').fontSize(9).fillColor(MUTED).text(text.check, left, doc.y, { width });
  doc.font('regular').fontSize(9).fillColor(INK).text(checkUrl, { width, link: checkUrl });

  doc.end();
  return done;
}

/** One row of label-over-value cells in four columns; returns the y below the tallest. */
function band(doc: PDFKit.PDFDocument, cells: [string, string][], left: number, top: number, width: number) {
  const cellWidth = width / 4;
  let bottom = top;
  cells.forEach(([label, value], i) => {
    const x = left + i * cellWidth;
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(MUTED)
      .text(label, x, top, { width: cellWidth - 8 });
    doc
      .font('bold')
      .fontSize(14)
      .fillColor(INK)
      .text(value, x, doc.y + 1, { width: cellWidth - 8 });
    bottom = Math.max(bottom, doc.y);
  });
  return bottom;
}
