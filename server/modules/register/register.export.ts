/**
 * The open-data exports: the same rows as the JSON API, in the same order, as CSV (one column per
 * field, localised fields one column per language, nested lists as JSON) or as one JSON array whose
 * elements are the API's items. Both are produced a batch at a time from the keyset batches of items
 * (built as JSON by the database, points rounded as on the pages), so an export of millions of rows
 * holds one batch. The CSV may start with a byte-order mark, which spreadsheets such as Excel need to
 * read UTF-8 (Azerbaijani and Cyrillic names) instead of the system's legacy code page.
 */
import { Readable } from 'node:stream';
import type { AppointmentItem, ResultItem, VacancyItem } from './register.schemas';

const LANGUAGES = ['az', 'ru', 'en'] as const;
type Cell = string | number | boolean | null;

/** A CSV column: its header and how a row fills it. */
type Column<I> = [header: string, cell: (item: I) => Cell];

const localised = <I>(header: string, get: (item: I) => Partial<Record<string, string>>): Column<I>[] =>
  LANGUAGES.map((l) => [`${header}_${l}`, (item: I) => get(item)[l] ?? '']);

export const APPOINTMENT_COLUMNS: Column<AppointmentItem>[] = [
  ['id', (a) => a.id],
  ['vacancyId', (a) => a.vacancyId],
  ['vacancyCode', (a) => a.vacancyCode],
  ['roundCode', (a) => a.roundCode],
  ['fullName', (a) => a.fullName],
  ...localised<AppointmentItem>('position', (a) => a.position),
  ['agencyCode', (a) => a.agency.code],
  ...localised<AppointmentItem>('agencyName', (a) => a.agency.name),
  ['categoryCode', (a) => a.categoryCode],
  ['appointedAt', (a) => a.appointedAt],
  ['testScore', (a) => a.testScore],
  ['interviewScore', (a) => a.interviewScore],
  ['finalScore', (a) => a.finalScore],
  ['rank', (a) => a.rank],
  ['logIndex', (a) => a.logIndex],
  ['leafHash', (a) => a.leafHash],
];

export const RESULT_COLUMNS: Column<ResultItem>[] = [
  ['candidateCode', (r) => r.candidateCode],
  ['sittingCode', (r) => r.sittingCode],
  ['categoryCode', (r) => r.categoryCode],
  ['sittingDate', (r) => r.sittingDate],
  ['points', (r) => r.points],
  ['maxPoints', (r) => r.maxPoints],
  ['passed', (r) => r.passed],
  ['revision', (r) => r.revision],
  ['publishedAt', (r) => r.publishedAt],
  ['logIndex', (r) => r.logIndex],
  ['leafHash', (r) => r.leafHash],
];

export const VACANCY_COLUMNS: Column<VacancyItem>[] = [
  ['id', (v) => v.id],
  ['vacancyCode', (v) => v.vacancyCode],
  ['roundId', (v) => v.roundId],
  ['roundCode', (v) => v.roundCode],
  ...localised<VacancyItem>('roundTitle', (v) => v.roundTitle),
  ['agencyCode', (v) => v.agency.code],
  ...localised<VacancyItem>('agencyName', (v) => v.agency.name),
  ...localised<VacancyItem>('position', (v) => v.position),
  ['categoryCode', (v) => v.categoryCode],
  ['places', (v) => v.places],
  ['location', (v) => v.location],
  ...localised<VacancyItem>('requirements', (v) => v.requirements),
  ...localised<VacancyItem>('interviewProgramme', (v) => v.interviewProgramme),
  ['announcedAt', (v) => v.announcedAt],
  ['applicationDeadline', (v) => v.applicationDeadline],
  ['status', (v) => v.status],
  ['timeline', (v) => JSON.stringify(v.timeline)],
  ['reserve', (v) => (v.reserve ? JSON.stringify(v.reserve) : '')],
  ['logIndex', (v) => v.logIndex],
  ['leafHash', (v) => v.leafHash],
];

/** What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text that a spreadsheet would run as a formula (an appointee named `=HYPERLINK(…)`) gets a leading `'`,
 * which spreadsheets take as "show this as text" (OWASP, CSV injection). Only text cells: a number cell
 * such as a negative score is a number, written as one, and stays computable. Codes and hashes are text
 * too, so a base64 hash that starts with `+` reads `'+…` here; the JSON export carries every value as is.
 */
function cell(value: Cell): string {
  if (value === null) return '';
  const text = typeof value !== 'string' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** U+FEFF, which a spreadsheet takes as "this file is UTF-8". */
export const BOM = '\uFEFF';

export const csvLine = (cells: Cell[]) => `${cells.map(cell).join(',')}\r\n`;

/**
 * CSV with a header row and CRLF line ends (RFC 4180). Written by hand rather than with
 * csv-stringify: the encoding is a few lines, and at a million rows its per-record cost shows.
 */
export function csvStream<I>(batches: AsyncIterable<I[]>, columns: Column<I>[], options: { bom: boolean }): Readable {
  async function* lines() {
    yield `${options.bom ? BOM : ''}${csvLine(columns.map(([header]) => header))}`;
    for await (const batch of batches) {
      let text = '';
      for (const item of batch) {
        text += csvLine(columns.map(([, get]) => get(item)));
      }
      yield text;
    }
  }
  return Readable.from(lines(), { objectMode: false });
}

/** One JSON array, an element per line. */
export function jsonStream(batches: AsyncIterable<unknown[]>): Readable {
  async function* chunks() {
    let first = true;
    yield '[';
    for await (const batch of batches) {
      let text = '';
      for (const item of batch) {
        text += `${first ? '\n' : ',\n'}${JSON.stringify(item)}`;
        first = false;
      }
      yield text;
    }
    yield first ? ']\n' : '\n]\n';
  }
  return Readable.from(chunks(), { objectMode: false });
}
