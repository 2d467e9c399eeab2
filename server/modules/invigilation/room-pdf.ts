import {
  artifact,
  COLUMN,
  createPdf,
  documentDate,
  drawPageHeader,
  group,
  INK,
  MUTED,
  PAGE,
  RULE,
  tag,
} from '../documents/pdf';
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

/** The title and the sitting's particulars, on every page (see drawPageHeader); returns the y below them. */
function drawHeader(
  doc: PDFKit.PDFDocument,
  parent: PDFKit.PDFStructureElement | null,
  input: RoomDocumentInput,
  text: RoomDocumentText,
  title: string,
): number {
  return drawPageHeader(doc, parent, {
    title,
    facts: [
      `${text.sitting}: ${input.sittingCode}`,
      `${text.room}: ${input.room.name}`,
      `${text.date}: ${documentDate(input.startsAt)}`,
      `${text.start}: ${ticketTime(input.startsAt)}`,
      `${text.capacity}: ${input.room.capacity}`,
      `${text.booked}: ${input.candidates.length}`,
    ],
    note: text.timeZone,
  });
}

/**
 * A table with a header row, one row per candidate and page breaks that repeat the page header and the
 * column titles; `rowHeight` leaves room for a signature where the sheet asks for one. Tagged as a table
 * (column headers, then a row per candidate), the repeats on later pages as artifacts.
 */
function drawTable(
  doc: PDFKit.PDFDocument,
  root: PDFKit.PDFStructureElement,
  input: RoomDocumentInput,
  text: RoomDocumentText,
  title: string,
  columns: Column[],
  rowHeight: number,
): number {
  const lefts = columns.map((_, i) => COLUMN.left + columns.slice(0, i).reduce((sum, c) => sum + c.width, 0));
  const headCell = (top: number, i: number) => () =>
    doc.text(columns[i]!.title, lefts[i]! + 3, top + 4, { width: columns[i]!.width - 6 });
  const headRow = (table: PDFKit.PDFStructureElement | null, top: number) => {
    doc.font('bold').fontSize(9).fillColor(INK);
    if (table) {
      group(doc, table, 'TR', (tr) =>
        lefts.forEach((_, i) => tag(doc, tr, 'TH', headCell(top, i), { scope: 'Column' })),
      );
    } else {
      artifact(doc, () => lefts.forEach((_, i) => headCell(top, i)()), 'Pagination');
    }
    return top + HEAD_ROW;
  };
  const box = (top: number, height: number) =>
    artifact(doc, () => {
      doc.strokeColor(RULE).lineWidth(0.5);
      columns.forEach((column, i) => doc.rect(lefts[i]!, top, column.width, height).stroke());
    });
  let y = drawHeader(doc, root, input, text, title);
  group(doc, root, 'Table', (table) => {
    box(y, HEAD_ROW);
    y = headRow(table, y);
    for (const candidate of input.candidates) {
      if (y + rowHeight > BOTTOM) {
        doc.addPage();
        y = drawHeader(doc, null, input, text, title);
        box(y, HEAD_ROW);
        y = headRow(null, y);
      }
      box(y, rowHeight);
      doc.font('regular').fontSize(10).fillColor(INK);
      const top = y;
      group(doc, table, 'TR', (tr) =>
        columns.forEach((column, i) =>
          tag(doc, tr, 'TD', () =>
            doc.text(column.value(candidate), lefts[i]! + 3, top + 5, {
              width: column.width - 6,
              height: rowHeight - 6,
              ellipsis: true,
            }),
          ),
        ),
      );
      y += rowHeight;
    }
  });
  return y;
}

function renderRoster(doc: PDFKit.PDFDocument, root: Root, input: RoomDocumentInput, text: RoomDocumentText) {
  const y = drawTable(
    doc,
    root,
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
  tag(doc, root, 'P', () =>
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(MUTED)
      .text(text.rosterNote, COLUMN.left, Math.min(y + 10, BOTTOM - 24), { width: COLUMN.width }),
  );
}

function renderAttendance(doc: PDFKit.PDFDocument, root: Root, input: RoomDocumentInput, text: RoomDocumentText) {
  let y = drawTable(
    doc,
    root,
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
    y = drawHeader(doc, null, input, text, text.titles.attendance);
  }
  tag(doc, root, 'P', () =>
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(MUTED)
      .text(text.invigilatorSignature, COLUMN.left, y + 30),
  );
  artifact(doc, () =>
    doc
      .moveTo(COLUMN.left + 200, y + 40)
      .lineTo(COLUMN.left + COLUMN.width, y + 40)
      .strokeColor(RULE)
      .stroke(),
  );
}

/** The room's seats as a grid of boxes, each with its seat number and who sits there; read seat by seat. */
function renderSeatPlan(doc: PDFKit.PDFDocument, root: Root, input: RoomDocumentInput, text: RoomDocumentText) {
  const perRow = 5;
  const gap = 6;
  const width = (COLUMN.width - gap * (perRow - 1)) / perRow;
  const height = 58;
  const bySeat = new Map(input.candidates.map((c) => [c.seat, c]));
  let top = drawHeader(doc, root, input, text, text.titles['seat-plan']);
  group(doc, root, 'L', (list) => {
    for (let seat = 1; seat <= input.room.capacity; seat++) {
      const column = (seat - 1) % perRow;
      if (column === 0 && seat > 1) top += height + gap;
      if (top + height > BOTTOM) {
        doc.addPage();
        top = drawHeader(doc, null, input, text, text.titles['seat-plan']);
      }
      const x = COLUMN.left + column * (width + gap);
      const candidate = bySeat.get(seat);
      artifact(doc, () => doc.strokeColor(RULE).lineWidth(0.5).rect(x, top, width, height).stroke());
      group(doc, list, 'LI', (item) =>
        tag(doc, item, 'LBody', () => {
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
        }),
      );
    }
  });
}

type Root = PDFKit.PDFStructureElement;

const RENDERERS: Record<
  RoomDocumentKind,
  (doc: PDFKit.PDFDocument, root: Root, input: RoomDocumentInput, text: RoomDocumentText) => void
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
  const { doc, root, done } = createPdf({
    title: `${text.titles[kind]} ${input.sittingCode} ${input.room.name}`,
    subject: input.sittingCode,
    language,
  });
  RENDERERS[kind](doc, root, input, text);
  doc.end();
  return done;
}
