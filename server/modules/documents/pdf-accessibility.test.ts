import { describe, expect, it } from 'vitest';
import { readPdf, readPdfAccessibility, type PdfAccessibility } from '../../../tests/helpers/pdf';
import { renderTicketPdf } from '../bookings/ticket-pdf';
import { TICKET_TEXT } from '../bookings/ticket-text';
import { renderCertificatePdf } from '../certificates/certificate-pdf';
import { CERTIFICATE_TEXT } from '../certificates/certificate-text';
import { renderPassList, type PassListInput } from '../exports/pass-list-pdf';
import { PASS_LIST_TEXT } from '../exports/pass-list-text';
import { renderRoomDocument, type RoomDocumentInput } from '../invigilation/room-pdf';
import { ROOM_DOCUMENT_TEXT } from '../invigilation/room-pdf-text';

/**
 * Every printed document read back as assistive technology reads it (poppler's `pdfinfo`, and the structure
 * elements' own dictionaries): a tagged PDF/A-2a with a title, a language, XMP metadata and a structure tree
 * whose headings, paragraphs, lists, tables and figures carry the document's words in reading order.
 */

const at = new Date('2026-12-15T06:00:00Z');
const people = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    candidateCode: `K2026-${String(i + 1).padStart(6, '0')}`,
    fullName: `Əliyeva Şəbnəm ${i + 1}`,
    nationalId: `5ZX${String(i).padStart(4, '0')}`,
    seat: i + 1,
  }));

/** The tree's elements, one per line with its depth: `['Document', 0]`, `['H1', 1]`, … (text lines left out). */
const elements = (tree: string) =>
  tree
    .split('\n')
    .filter((line) => /^\s*[A-Z][A-Za-z0-9]*(\s|:|$)/.test(line))
    .map((line) => [/^\s*(\w+)/.exec(line)![1]!, (/^\s*/.exec(line)![0].length / 2) | 0] as const);

/** The texts of the elements of `type`, as pdfinfo prints them (the line after each). */
const textsOf = (tree: string, type: string) => {
  const lines = tree.split('\n');
  return lines.flatMap((line, i) =>
    new RegExp(`^\\s*${type}\\b`).test(line)
      ? [/"(.*)"/.exec(lines.slice(i + 1).find((l) => l.includes('"')) ?? '')?.[1] ?? '']
      : [],
  );
};

function expectAccessible(read: PdfAccessibility, expected: { title: string; language: string; heading: string }) {
  expect(read.tagged).toBe(true);
  expect(read.pdfVersion).toBe('1.7');
  expect(read.title).toBe(expected.title);
  expect(read.language).toBe(expected.language);
  // XMP: PDF/A-2, conformance A (accessible), and the title again for catalogues that read only XMP.
  expect(read.xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>\s*<pdfaid:conformance>A<\/pdfaid:conformance>/);
  expect(read.xmp).toContain(`<rdf:li xml:lang="x-default">${expected.title}</rdf:li>`);
  const tree = elements(read.tree);
  expect(tree[0]).toEqual(['Document', 0]);
  // One top-level heading, first, with the document's title in it.
  expect(tree.filter(([type]) => type === 'H1')).toEqual([['H1', 1]]);
  expect(tree[1]).toEqual(['H1', 1]);
  expect(textsOf(read.tree, 'H1')).toEqual([expected.heading]);
}

describe('the admission ticket', () => {
  it('is a tagged PDF/A-2a whose QR code is a figure with its alternative text', async () => {
    const text = TICKET_TEXT.ru;
    const pdf = await renderTicketPdf(
      {
        candidateCode: 'K2026-004217',
        fullName: 'Əliyeva Şəbnəm Ğ.',
        sittingCode: '2026-12-15-10',
        categoryCode: 'B3',
        categoryName: 'Исполнительные должности',
        mode: 'centre',
        startsAt: at,
        arrivalAt: new Date(at.getTime() - 30 * 60_000),
        entryClosesAt: new Date(at.getTime() + 30 * 60_000),
        durationMinutes: 180,
        room: 'Zal 2',
        seat: 17,
      },
      'ru',
      'https://imtahan.example.az/tickets/Qx7_pL2mZk9',
    );
    const read = readPdfAccessibility(pdf);
    expectAccessible(read, { title: `${text.title} K2026-004217`, language: 'ru', heading: text.title });
    expect(read.alt).toEqual({ Figure: [text.qrAlt] });
    // The fields are paragraphs that read label then value; the memo is a heading and a list of its rules.
    expect(textsOf(read.tree, 'P')).toContain(`${text.candidateCode}K2026-004217`);
    expect(textsOf(read.tree, 'H2')).toEqual([text.rulesTitle]);
    expect(textsOf(read.tree, 'LBody')).toEqual(text.rules.centre);
    // What the eye reads is unchanged: the QR code still decodes.
    expect(readPdf(pdf).qr).toBe('https://imtahan.example.az/tickets/Qx7_pL2mZk9');
  });
});

describe('the certificate', () => {
  it('is a tagged PDF/A-2a with the holder, the fields and the QR code’s alternative text', async () => {
    const text = CERTIFICATE_TEXT.en;
    const read = readPdfAccessibility(
      await renderCertificatePdf(
        {
          code: 'AB12-CD34-EF56',
          fullName: 'Məmmədov Cəfər',
          categoryCode: 'AB',
          categoryName: 'Managerial, subgroup B',
          covers: ['AB — Managerial, subgroup B', 'AC — Managerial, subgroup C'],
          sittingCode: '2026-12-15-10',
          // Printed with the rounding the pages and the register use.
          points: 8 / 3,
          maxPoints: 4,
          issuedAt: at,
          validUntil: new Date('2031-12-15T06:00:00Z'),
          revoked: false,
        },
        'en',
        'https://imtahan.example.az/certificates/AB12-CD34-EF56',
      ),
    );
    expectAccessible(read, { title: `${text.title} AB12-CD34-EF56`, language: 'en', heading: text.title });
    expect(read.alt).toEqual({ Figure: [text.qrAlt] });
    expect(textsOf(read.tree, 'P')).toEqual(
      expect.arrayContaining([`${text.holder}Məmmədov Cəfər`, `${text.points}2.67 / 4`, `${text.code}AB12-CD34-EF56`]),
    );
  });
});

describe('the pass list', () => {
  const input = (n: number): PassListInput => ({
    sittingCode: '2026-12-15-10',
    categoryCode: 'AB',
    startsAt: at,
    publishedAt: at,
    revision: 1,
    sat: n + 3,
    passed: people(n).map((p, i) => ({ ...p, rank: i + 1, points: 90 - i / 2, maxPoints: 100 })),
  });

  it('is one table across its pages: column headers once, a row per candidate, repeats left out', async () => {
    const text = PASS_LIST_TEXT.az;
    const long = readPdfAccessibility(await renderPassList(input(70), 'az'), { texts: false });
    expect(long.pages).toBeGreaterThan(1);
    const tree = elements(long.tree);
    expect(tree.filter(([type]) => type === 'H1')).toHaveLength(1);
    expect(tree.filter(([type]) => type === 'Table')).toEqual([['Table', 1]]);
    expect(tree.filter(([type]) => type === 'TR')).toHaveLength(71);
    expect(tree.filter(([type]) => type === 'TH')).toHaveLength(5);
    expect(long.tree.match(/\/Scope \/Column/g)).toHaveLength(5);

    const read = readPdfAccessibility(await renderPassList(input(2), 'az'));
    expectAccessible(read, { title: `${text.title} — 2026-12-15-10`, language: 'az', heading: text.title });
    expect(textsOf(read.tree, 'TH')).toEqual([
      text.number,
      text.candidateCode,
      text.fullName,
      expect.stringMatching(new RegExp(`^${text.nationalId.slice(0, 8)}`)),
      text.points,
    ]);
    expect(textsOf(read.tree, 'TD')).toEqual(
      ['1', 'K2026-000001', 'Əliyeva Şəbnəm 1', '5ZX0000', '90 / 100'].concat([
        '2',
        'K2026-000002',
        'Əliyeva Şəbnəm 2',
        '5ZX0001',
        '89.5 / 100',
      ]),
    );
  });

  it('says in a paragraph that nobody passed, with no table', async () => {
    const read = readPdfAccessibility(await renderPassList(input(0), 'en'));
    expect(elements(read.tree).map(([type]) => type)).not.toContain('Table');
    expect(textsOf(read.tree, 'P')).toContain(PASS_LIST_TEXT.en.none);
  });
});

describe('the room’s documents', () => {
  const room = (n: number): RoomDocumentInput => ({
    sittingCode: '2026-12-15-10',
    startsAt: at,
    room: { name: 'Zal 2', capacity: n + 2 },
    candidates: people(n),
  });

  it('tags the roster and the attendance sheet as tables, over every page', async () => {
    const text = ROOM_DOCUMENT_TEXT.en;
    for (const [kind, columns] of [
      ['roster', 4],
      ['attendance', 6],
    ] as const) {
      const long = readPdfAccessibility(await renderRoomDocument(kind, room(45), 'en'), { texts: false });
      expect(long.pages, kind).toBeGreaterThan(1);
      const tree = elements(long.tree);
      expect(
        tree.filter(([type]) => type === 'H1'),
        kind,
      ).toHaveLength(1);
      expect(
        tree.filter(([type]) => type === 'TR'),
        kind,
      ).toHaveLength(46);
      expect(
        tree.filter(([type]) => type === 'TH'),
        kind,
      ).toHaveLength(columns);

      const read = readPdfAccessibility(await renderRoomDocument(kind, room(1), 'en'));
      expectAccessible(read, {
        title: `${text.titles[kind]} 2026-12-15-10 Zal 2`,
        language: 'en',
        heading: text.titles[kind],
      });
      expect(textsOf(read.tree, 'TH').slice(0, 3)).toEqual([text.seat, text.candidateCode, text.fullName]);
      expect(textsOf(read.tree, 'TD').slice(0, 3)).toEqual(['1', 'K2026-000001', 'Əliyeva Şəbnəm 1']);
    }
  });

  it('reads the seat plan seat by seat, empty seats included', async () => {
    const text = ROOM_DOCUMENT_TEXT.az;
    const read = readPdfAccessibility(await renderRoomDocument('seat-plan', room(3), 'az'));
    expectAccessible(read, {
      title: `${text.titles['seat-plan']} 2026-12-15-10 Zal 2`,
      language: 'az',
      heading: text.titles['seat-plan'],
    });
    const seats = textsOf(read.tree, 'LBody');
    expect(seats).toEqual([
      `${text.seat} 1K2026-000001Əliyeva Şəbnəm 1`,
      `${text.seat} 2K2026-000002Əliyeva Şəbnəm 2`,
      `${text.seat} 3K2026-000003Əliyeva Şəbnəm 3`,
      `${text.seat} 4${text.emptySeat}`,
      `${text.seat} 5${text.emptySeat}`,
    ]);
  });
});
