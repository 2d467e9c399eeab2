import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/**
 * What every printed document shares: an A4 pdfkit document with DejaVu embedded, a QR code drawn as
 * vectors, and dates in Baku time. The admission ticket and the certificate are built on these.
 *
 * Every document is a tagged PDF/A-2a: a screen reader follows its structure tree (headings, paragraphs,
 * tables, lists, the QR code as a figure with its alternative text) instead of guessing from positions, and
 * its title, language and XMP metadata travel with it. Drawing that carries no meaning (rules, cell borders,
 * a page header repeated after a page break) is marked as an artifact, so it is not read out.
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

/** The structure elements our documents use (ISO 32000 standard structure types). */
export type StructureType = 'H1' | 'H2' | 'P' | 'L' | 'LI' | 'LBody' | 'Figure' | 'Table' | 'TR' | 'TH' | 'TD';

type ElementOptions = PDFKit.Mixins.StructureElementOptions & { scope?: 'Column' | 'Row'; bbox?: number[] };

/** A leaf structure element of `type` under `parent`, holding what `draw` puts on the page (one marked run). */
export function tag(
  doc: PDFKit.PDFDocument,
  parent: PDFKit.PDFStructureElement,
  type: StructureType,
  draw: () => void,
  options: ElementOptions = {},
): void {
  // pdfkit marks the closure's content with the element's MCID as soon as the element joins the (attached) tree.
  parent.add(doc.struct(type, options, () => draw()));
}

/**
 * A structure element of `type` under `parent` that holds other elements, the ones `build` adds to it (a table's
 * rows, a section's paragraphs); its own drawing, if any, goes in `artifact`s.
 */
export function group(
  doc: PDFKit.PDFDocument,
  parent: PDFKit.PDFStructureElement,
  type: StructureType,
  build: (element: PDFKit.PDFStructureElement) => void,
  options: ElementOptions = {},
): void {
  const element = doc.struct(type, options);
  parent.add(element);
  build(element);
  element.end();
}

/** Drawing that means nothing to a reader (a rule, a border, a repeated page header): left out of the reading. */
export function artifact(doc: PDFKit.PDFDocument, draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
  doc.markContent('Artifact', { type });
  draw();
  doc.endMarkedContent();
}

/** A hairline rule across the column at `y`. */
export function drawRule(doc: PDFKit.PDFDocument, y: number): void {
  artifact(doc, () =>
    doc
      .moveTo(COLUMN.left, y)
      .lineTo(COLUMN.left + COLUMN.width, y)
      .strokeColor(RULE)
      .lineWidth(0.5)
      .stroke(),
  );
}

/**
 * A list's page header: its title, its facts on one muted line (and a smaller `note` under them), then a rule;
 * returns the y below it. Under `parent` on the first page; on the pages after (`parent` null), a repeat for the
 * eye only (an artifact), so a reader hears it once.
 */
export function drawPageHeader(
  doc: PDFKit.PDFDocument,
  parent: PDFKit.PDFStructureElement | null,
  header: { title: string; facts: readonly string[]; note?: string },
): number {
  const { left, width } = COLUMN;
  const title = () => doc.font('bold').fontSize(16).fillColor(INK).text(header.title, left, PAGE.margin, { width });
  const particulars = () => {
    doc.font('regular').fontSize(10).fillColor(MUTED).text(header.facts.join('   ·   '), { width });
    if (header.note !== undefined) doc.fontSize(8).text(header.note, { width });
  };
  if (parent) {
    tag(doc, parent, 'H1', title);
    tag(doc, parent, 'P', particulars);
  } else {
    artifact(
      doc,
      () => {
        title();
        particulars();
      },
      'Pagination',
    );
  }
  const y = doc.y + 6;
  drawRule(doc, y);
  return y + 8;
}

/** A small muted label over its value, read as one paragraph (label, then value); returns the y just below it. */
export function drawField(
  doc: PDFKit.PDFDocument,
  parent: PDFKit.PDFStructureElement,
  field: { label: string; value: string; bold: boolean; size: number },
  at: { x: number; y: number; width: number },
): number {
  tag(doc, parent, 'P', () => {
    doc.font('regular').fontSize(9).fillColor(MUTED).text(field.label, at.x, at.y, { width: at.width });
    doc
      .font(field.bold ? 'bold' : 'regular')
      .fontSize(field.size)
      .fillColor(INK)
      .text(field.value, at.x, doc.y + 1, { width: at.width });
  });
  return doc.y;
}

/** XMP is XML and pdfkit writes the title into it as given. */
const xmlSafe = (text: string) => text.replace(/[<>&]/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * A new A4 tagged PDF/A-2a document with the fonts `regular` and `bold` registered, its structure tree's root
 * element (`Document`; every element of the page goes under it, in reading order), and a promise of its bytes
 * once `doc.end()` is called. The title is shown in a viewer's title bar instead of the file name.
 */
export function createPdf(options: { title: string; subject: string; language: string }): {
  doc: PDFKit.PDFDocument;
  root: PDFKit.PDFStructureElement;
  done: Promise<Buffer>;
} {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    info: { Title: xmlSafe(options.title), Subject: xmlSafe(options.subject), Creator: 'imtahan' },
    lang: options.language,
    pdfVersion: '1.7',
    subset: 'PDF/A-2a',
    tagged: true,
    displayTitle: true,
  });
  const root = doc.struct('Document', { lang: options.language });
  doc.addStructure(root);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  doc.font('regular');
  return { doc, root, done };
}

/**
 * The QR code as vector squares, sharp at any print size, with the standard four-module quiet zone: a figure
 * whose alternative text (`alt`) says what it leads to.
 */
export function drawQr(
  doc: PDFKit.PDFDocument,
  parent: PDFKit.PDFStructureElement,
  qr: { value: string; alt: string },
  x: number,
  y: number,
  size: number,
): void {
  const { modules } = QRCode.create(qr.value, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const cell = size / (modules.size + 2 * quiet);
  tag(
    doc,
    parent,
    'Figure',
    () => {
      doc.save().fillColor('#000000');
      for (let row = 0; row < modules.size; row++) {
        for (let col = 0; col < modules.size; col++) {
          if (modules.get(row, col)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell, cell);
        }
      }
      doc.fill().restore();
    },
    { alt: qr.alt, bbox: [x, y, x + size, y + size] },
  );
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
