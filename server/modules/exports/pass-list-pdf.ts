import { COLUMN, createPdf, documentDate, drawRule, INK, MUTED, PAGE, RULE } from '../documents/pdf';
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

function drawHeader(doc: PDFKit.PDFDocument, input: PassListInput, text: PassListText): number {
  const { left, width } = COLUMN;
  doc.font('bold').fontSize(16).fillColor(INK).text(text.title, left, PAGE.margin, { width });
  const facts = [
    `${text.sitting}: ${input.sittingCode}`,
    `${text.category}: ${input.categoryCode}`,
    `${text.date}: ${documentDate(input.startsAt)}`,
    `${text.published}: ${documentDate(input.publishedAt)}`,
    `${text.revision}: ${input.revision}`,
    `${text.passed}: ${input.passed.length} ${text.of} ${input.sat}`,
  ];
  doc.font('regular').fontSize(10).fillColor(MUTED).text(facts.join('   ·   '), { width });
  const y = doc.y + 6;
  drawRule(doc, y);
  return y + 8;
}

/** A printable, signed-off pass list: one row per candidate who passed, the header repeated on every page. */
export async function renderPassList(input: PassListInput, language: PassListLanguage): Promise<Buffer> {
  const text = PASS_LIST_TEXT[language];
  const { doc, done } = createPdf({
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
    { title: text.points, width: COLUMN.width - 410, value: (r) => `${r.points} / ${r.maxPoints}` },
  ];
  const row = (top: number, cells: string[], bold: boolean) => {
    let x = COLUMN.left;
    doc.strokeColor(RULE).lineWidth(0.5);
    doc
      .font(bold ? 'bold' : 'regular')
      .fontSize(bold ? 9 : 10)
      .fillColor(INK);
    columns.forEach((column, i) => {
      doc.rect(x, top, column.width, ROW).stroke();
      doc.text(cells[i]!, x + 3, top + 5, { width: column.width - 6, height: ROW - 6, ellipsis: true });
      x += column.width;
    });
    return top + ROW;
  };
  const head = (top: number) =>
    row(
      top,
      columns.map((c) => c.title),
      true,
    );

  let y = drawHeader(doc, input, text);
  if (input.passed.length === 0) {
    doc
      .font('regular')
      .fontSize(11)
      .fillColor(INK)
      .text(text.none, COLUMN.left, y + 6, { width: COLUMN.width });
    y = doc.y;
  } else {
    y = head(y);
    input.passed.forEach((candidate, i) => {
      if (y + ROW > BOTTOM - 30) {
        doc.addPage();
        y = head(drawHeader(doc, input, text));
      }
      y = row(
        y,
        columns.map((c) => c.value(candidate, i)),
        false,
      );
    });
  }
  doc
    .font('regular')
    .fontSize(8)
    .fillColor(MUTED)
    .text(text.note, COLUMN.left, y + 10, { width: COLUMN.width });
  doc.end();
  return done;
}
