import { COLUMN, createPdf, drawField, drawQr, drawRule, group, INK, MUTED, PAGE, tag } from '../documents/pdf';
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
  const { doc, root, done } = createPdf({
    title: `${text.title} ${ticket.candidateCode}`,
    subject: ticket.sittingCode,
    language,
  });
  const { left, width } = COLUMN;

  tag(doc, root, 'H1', () =>
    doc.font('bold').fontSize(20).fillColor(INK).text(text.title, left, PAGE.margin, { width }),
  );
  tag(doc, root, 'P', () => doc.font('regular').fontSize(11).fillColor(MUTED).text(text.subtitle, { width }));
  const headerBottom = doc.y + 10;
  drawRule(doc, headerBottom);

  // The QR code sits top right, the fields run down its left; it is read after them.
  const qrLeft = left + width - QR_SIZE;
  const qrTop = headerBottom + 16;

  const fieldsWidth = width - QR_SIZE - 24;
  let y = qrTop;
  const field = (label: string, value: string, large = false) => {
    y =
      drawField(doc, root, { label, value, bold: large, size: large ? 18 : 12 }, { x: left, y, width: fieldsWidth }) +
      8;
  };
  field(text.candidateCode, ticket.candidateCode, true);
  field(text.fullName, ticket.fullName, true);
  field(text.sitting, ticket.sittingCode);
  field(text.category, `${ticket.categoryCode} — ${ticket.categoryName}`);
  field(text.mode, text.modes[ticket.mode]);
  drawQr(doc, root, { value: checkUrl, alt: text.qrAlt }, qrLeft, qrTop, QR_SIZE);

  // Where and when, in a band of equal columns below both.
  y = Math.max(y, qrTop + QR_SIZE) + 12;
  drawRule(doc, y);
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
  y = band(doc, root, cells, left, y, width);
  y = band(doc, root, placeCells, left, y + 8, width);
  tag(doc, root, 'P', () =>
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(MUTED)
      .text(text.timeZone, left, y + 4, { width }),
  );
  y = doc.y + 12;
  drawRule(doc, y);

  tag(doc, root, 'H2', () =>
    doc
      .font('bold')
      .fontSize(12)
      .fillColor(INK)
      .text(text.rulesTitle, left, y + 12, { width }),
  );
  doc.moveDown(0.3);
  group(doc, root, 'L', (list) =>
    doc
      .font('regular')
      .fontSize(10)
      .fillColor(INK)
      .list(text.rules[ticket.mode], { width, bulletRadius: 1.5, textIndent: 10, paragraphGap: 3, structParent: list }),
  );

  doc.moveDown(1.2);
  tag(doc, root, 'P', () => {
    doc.font('regular').fontSize(9).fillColor(MUTED).text(text.check, left, doc.y, { width });
    doc.font('regular').fontSize(9).fillColor(INK).text(checkUrl, { width, link: checkUrl });
  });

  doc.end();
  return done;
}

/** One row of label-over-value cells in four columns; returns the y below the tallest. */
function band(
  doc: PDFKit.PDFDocument,
  parent: PDFKit.PDFStructureElement,
  cells: [string, string][],
  left: number,
  top: number,
  width: number,
) {
  const cellWidth = width / 4;
  let bottom = top;
  cells.forEach(([label, value], i) => {
    const below = drawField(
      doc,
      parent,
      { label, value, bold: true, size: 14 },
      { x: left + i * cellWidth, y: top, width: cellWidth - 8 },
    );
    bottom = Math.max(bottom, below);
  });
  return bottom;
}
