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
import { roundPoints } from '../../core/points';
import { PASS_LIST_TEXT, type PassListLanguage, type PassListText } from './pass-list-text';

/** What the pass list prints: the sitting and those who passed, best first. */
export interface PassListInput {
  sittingCode: string;
  categoryCode: string;
  startsAt: Date;
  publishedAt: Date;
  revision: number;
  sat: number;
  passed: {
    rank: number;
    candidateCode: string;
    fullName: string;
    nationalId: string;
    points: number;
    maxPoints: number;
  }[];
}

const BOTTOM = PAGE.height - PAGE.margin;
const ROW = 20;

/** The title and the sitting's facts, on every page (see drawPageHeader); returns the y below them. */
function drawHeader(
  doc: PDFKit.PDFDocument,
  parent: PDFKit.PDFStructureElement | null,
  input: PassListInput,
  text: PassListText,
): number {
  return drawPageHeader(doc, parent, {
    title: text.title,
    facts: [
      `${text.sitting}: ${input.sittingCode}`,
      `${text.category}: ${input.categoryCode}`,
      `${text.date}: ${documentDate(input.startsAt)}`,
      `${text.published}: ${documentDate(input.publishedAt)}`,
      `${text.revision}: ${input.revision}`,
      `${text.passed}: ${input.passed.length} ${text.of} ${input.sat}`,
    ],
  });
}

/** A printable, signed-off pass list: one row per candidate who passed, the header repeated on every page. */
export async function renderPassList(input: PassListInput, language: PassListLanguage): Promise<Buffer> {
  const text = PASS_LIST_TEXT[language];
  const { doc, root, done } = createPdf({
    title: `${text.title} — ${input.sittingCode}`,
    subject: text.title,
    language,
  });
  const columns: {
    title: string;
    width: number;
    value: (row: PassListInput['passed'][number], i: number) => string;
  }[] = [
    { title: text.number, width: 35, value: (_, i) => String(i + 1) },
    { title: text.candidateCode, width: 95, value: (r) => r.candidateCode },
    { title: text.fullName, width: 180, value: (r) => r.fullName },
    { title: text.nationalId, width: 100, value: (r) => r.nationalId },
    {
      title: text.points,
      width: COLUMN.width - 410,
      value: (r) => `${roundPoints(r.points)} / ${roundPoints(r.maxPoints)}`,
    },
  ];
  /** A row of cells: header cells (TH, by column) or data cells (TD) under `table`, or the heads repeated (null). */
  const row = (table: PDFKit.PDFStructureElement | null, top: number, cells: string[], head: boolean) => {
    const draw = (i: number, x: number) => () =>
      doc
        .font(head ? 'bold' : 'regular')
        .fontSize(head ? 9 : 10)
        .fillColor(INK)
        .text(cells[i]!, x + 3, top + 5, { width: columns[i]!.width - 6, height: ROW - 6, ellipsis: true });
    artifact(doc, () => {
      let x = COLUMN.left;
      doc.strokeColor(RULE).lineWidth(0.5);
      for (const column of columns) {
        doc.rect(x, top, column.width, ROW).stroke();
        x += column.width;
      }
    });
    const lefts = columns.map((_, i) => COLUMN.left + columns.slice(0, i).reduce((sum, c) => sum + c.width, 0));
    if (!table) {
      artifact(doc, () => lefts.forEach((x, i) => draw(i, x)()), 'Pagination');
    } else {
      group(doc, table, 'TR', (tr) =>
        lefts.forEach((x, i) => tag(doc, tr, head ? 'TH' : 'TD', draw(i, x), head ? { scope: 'Column' } : {})),
      );
    }
    return top + ROW;
  };
  const head = (table: PDFKit.PDFStructureElement | null, top: number) =>
    row(
      table,
      top,
      columns.map((c) => c.title),
      true,
    );

  let y = drawHeader(doc, root, input, text);
  if (input.passed.length === 0) {
    tag(doc, root, 'P', () =>
      doc
        .font('regular')
        .fontSize(11)
        .fillColor(INK)
        .text(text.none, COLUMN.left, y + 6, { width: COLUMN.width }),
    );
    y = doc.y;
  } else {
    group(doc, root, 'Table', (table) => {
      y = head(table, y);
      input.passed.forEach((candidate, i) => {
        if (y + ROW > BOTTOM - 30) {
          doc.addPage();
          y = head(null, drawHeader(doc, null, input, text));
        }
        y = row(
          table,
          y,
          columns.map((c) => c.value(candidate, i)),
          false,
        );
      });
    });
  }
  tag(doc, root, 'P', () =>
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(MUTED)
      .text(text.note, COLUMN.left, y + 10, { width: COLUMN.width }),
  );
  doc.end();
  return done;
}
