import { COLUMN, createPdf, documentDate, drawRule, INK, MUTED, PAGE, RULE } from '../documents/pdf';
import { ticketTime } from '../bookings/ticket-text';
import type { RoomDocumentKind } from './invigilation.service';
import { ROOM_DOCUMENT_TEXT, type RoomDocumentLanguage, type RoomDocumentText } from './room-pdf-text';

/** What a room's documents print: the room and its seated candidates, by seat. */
export interface RoomDocumentInput {
  sittingCode: string;
  startsAt: Date;
  room: { name: string; capacity: number };
  candidates: { candidateCode: string; fullName: string; nationalId: string | null; seat: number }[];
}

interface Column {
  title: string;
  width: number;
  value: (c: RoomDocumentInput['candidates'][number]) => string;
}

const BOTTOM = PAGE.height - PAGE.margin;
/** Tall enough for a column title on two lines ("Namizədin kodu"). */
const HEAD_ROW = 28;

/** The title and the sitting's particulars; returns the y below them. Repeated on every page. */
function drawHeader(doc: PDFKit.PDFDocument, input: RoomDocumentInput, text: RoomDocumentText, title: string): number {
  const { left, width } = COLUMN;
  doc.font('bold').fontSize(16).fillColor(INK).text(title, left, PAGE.margin, { width });
  const facts = [
    `${text.sitting}: ${input.sittingCode}`,
    `${text.room}: ${input.room.name}`,
    `${text.date}: ${documentDate(input.startsAt)}`,
    `${text.start}: ${ticketTime(input.startsAt)}`,
    `${text.capacity}: ${input.room.capacity}`,
    `${text.booked}: ${input.candidates.length}`,
  ];
  doc.font('regular').fontSize(10).fillColor(MUTED).text(facts.join('   ·   '), { width });
  doc.fontSize(8).text(text.timeZone, { width });
  const y = doc.y + 6;
  drawRule(doc, y);
  return y + 8;
}

/**
 * A table with a header row, one row per candidate and page breaks that repeat the page header and the
 * column titles; `rowHeight` leaves room for a signature where the sheet asks for one.
 */
function drawTable(
  doc: PDFKit.PDFDocument,
  input: RoomDocumentInput,
  text: RoomDocumentText,
  title: string,
  columns: Column[],
  rowHeight: number,
): number {
  const { left } = COLUMN;
  const headRow = (top: number) => {
    let x = left;
    doc.font('bold').fontSize(9).fillColor(INK);
    for (const column of columns) {
      doc.text(column.title, x + 3, top + 4, { width: column.width - 6 });
      x += column.width;
    }
    return top + HEAD_ROW;
  };
  const box = (top: number, height: number) => {
    let x = left;
    doc.strokeColor(RULE).lineWidth(0.5);
    for (const column of columns) {
      doc.rect(x, top, column.width, height).stroke();
      x += column.width;
    }
  };
  let y = drawHeader(doc, input, text, title);
  box(y, HEAD_ROW);
  y = headRow(y);
  for (const candidate of input.candidates) {
    if (y + rowHeight > BOTTOM) {
      doc.addPage();
      y = drawHeader(doc, input, text, title);
      box(y, HEAD_ROW);
      y = headRow(y);
    }
    box(y, rowHeight);
    let x = left;
    doc.font('regular').fontSize(10).fillColor(INK);
    for (const column of columns) {
      doc.text(column.value(candidate), x + 3, y + 5, {
        width: column.width - 6,
        height: rowHeight - 6,
        ellipsis: true,
      });
      x += column.width;
    }
    y += rowHeight;
  }
  return y;
}

function renderRoster(doc: PDFKit.PDFDocument, input: RoomDocumentInput, text: RoomDocumentText) {
  const y = drawTable(
    doc,
    input,
    text,
    text.titles.roster,
    [
      { title: text.seat, width: 45, value: (c) => String(c.seat) },
      { title: text.candidateCode, width: 95, value: (c) => c.candidateCode },
      { title: text.fullName, width: 225, value: (c) => c.fullName },
      { title: text.nationalId, width: COLUMN.width - 365, value: (c) => c.nationalId ?? '—' },
    ],
    22,
  );
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(MUTED)
    .text(text.rosterNote, COLUMN.left, Math.min(y + 10, BOTTOM - 24), { width: COLUMN.width });
}

function renderAttendance(doc: PDFKit.PDFDocument, input: RoomDocumentInput, text: RoomDocumentText) {
  let y = drawTable(
    doc,
    input,
    text,
    text.titles.attendance,
    [
      { title: text.seat, width: 40, value: (c) => String(c.seat) },
      { title: text.candidateCode, width: 85, value: (c) => c.candidateCode },
      { title: text.fullName, width: 160, value: (c) => c.fullName },
      { title: text.present, width: 50, value: () => '' },
      { title: text.signature, width: 90, value: () => '' },
      { title: text.notes, width: COLUMN.width - 425, value: () => '' },
    ],
    32,
  );
  if (y + 50 > BOTTOM) {
    doc.addPage();
    y = drawHeader(doc, input, text, text.titles.attendance);
  }
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(MUTED)
    .text(text.invigilatorSignature, COLUMN.left, y + 30);
  doc
    .moveTo(COLUMN.left + 200, y + 40)
    .lineTo(COLUMN.left + COLUMN.width, y + 40)
    .strokeColor(RULE)
    .stroke();
}

/** The room's seats as a grid of boxes, each with its seat number and who sits there. */
function renderSeatPlan(doc: PDFKit.PDFDocument, input: RoomDocumentInput, text: RoomDocumentText) {
  const perRow = 5;
  const gap = 6;
  const width = (COLUMN.width - gap * (perRow - 1)) / perRow;
  const height = 58;
  const bySeat = new Map(input.candidates.map((c) => [c.seat, c]));
  let top = drawHeader(doc, input, text, text.titles['seat-plan']);
  for (let seat = 1; seat <= input.room.capacity; seat++) {
    const column = (seat - 1) % perRow;
    if (column === 0 && seat > 1) top += height + gap;
    if (top + height > BOTTOM) {
      doc.addPage();
      top = drawHeader(doc, input, text, text.titles['seat-plan']);
    }
    const x = COLUMN.left + column * (width + gap);
    const candidate = bySeat.get(seat);
    doc.strokeColor(RULE).lineWidth(0.5).rect(x, top, width, height).stroke();
    doc
      .font('bold')
      .fontSize(11)
      .fillColor(INK)
      .text(`${text.seat} ${seat}`, x + 4, top + 4, { width: width - 8 });
    if (candidate) {
      doc
        .font('regular')
        .fontSize(9)
        .text(candidate.candidateCode, x + 4, doc.y + 1, { width: width - 8 });
      doc
        .fontSize(8)
        .fillColor(MUTED)
        .text(candidate.fullName, x + 4, doc.y, { width: width - 8, height: 20, ellipsis: true });
    } else {
      doc
        .font('regular')
        .fontSize(9)
        .fillColor(MUTED)
        .text(text.emptySeat, x + 4, doc.y + 1, { width: width - 8 });
    }
  }
}

const RENDERERS: Record<
  RoomDocumentKind,
  (doc: PDFKit.PDFDocument, input: RoomDocumentInput, text: RoomDocumentText) => void
> = {
  roster: renderRoster,
  attendance: renderAttendance,
  'seat-plan': renderSeatPlan,
};

/** One of a room's printed documents, A4, in the language asked for. */
export async function renderRoomDocument(
  kind: RoomDocumentKind,
  input: RoomDocumentInput,
  language: RoomDocumentLanguage,
): Promise<Buffer> {
  const text = ROOM_DOCUMENT_TEXT[language];
  const { doc, done } = createPdf({
    title: `${text.titles[kind]} ${input.sittingCode} ${input.room.name}`,
    subject: input.sittingCode,
    language,
  });
  RENDERERS[kind](doc, input, text);
  doc.end();
  return done;
}
