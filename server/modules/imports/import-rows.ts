import type { NationalIdRegistry } from '../../core/national-id/index';
import { unreadableText } from '../../schemas';
import { duplicatesInFile, type ImportProblem, type TableRow } from './csv-table';

/** The columns of each kind of import, as the header names them. */
export const CANDIDATE_COLUMNS = {
  required: ['national_id', 'full_name', 'email'],
  optional: ['national_id_scheme', 'language'],
} as const;
export const BOOKING_COLUMNS = {
  required: ['national_id', 'sitting'],
  optional: ['national_id_scheme', 'room'],
} as const;

export const IMPORT_LANGUAGES = ['az', 'ru', 'en'] as const;
export type ImportLanguage = (typeof IMPORT_LANGUAGES)[number];

/** A candidate's account as read from a row, before the database is asked about it. */
export interface CandidateRow {
  line: number;
  nationalIdScheme: string;
  nationalId: string;
  fullName: string;
  email: string;
  language: ImportLanguage;
}

/** A booking as read from a row: whose (by national ID), in which sitting (by code) and, if named, which room. */
export interface BookingRow {
  line: number;
  nationalIdScheme: string;
  nationalId: string;
  sittingCode: string;
  roomName: string | null;
}

/** Deliberately loose, as the API's `email` format: one @, something either side, a dot in the domain, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function text(row: TableRow, column: string, max: number, problems: ImportProblem[], required = true): string {
  const value = row.cells[column] ?? '';
  const unreadable = unreadableText(value);
  if (unreadable)
    problems.push({ row: row.line, field: column, code: unreadable.code, message: `Contains ${unreadable.what}.` });
  else if (required && value === '')
    problems.push({ row: row.line, field: column, code: 'required', message: `${column} is empty.` });
  else if (value.length > max)
    problems.push({
      row: row.line,
      field: column,
      code: 'maxLength',
      message: `${column} is longer than ${max} characters.`,
    });
  return value;
}

/** The national ID in its stored form, checked by the installation's validators; null when it is not valid. */
function nationalId(row: TableRow, registry: NationalIdRegistry, problems: ImportProblem[]) {
  const schemeCode = row.cells.national_id_scheme || registry.schemes[0]!.code;
  const raw = text(row, 'national_id', 32, problems);
  if (!raw) return null;
  const check = registry.check(schemeCode, raw);
  if (check.ok) return { scheme: check.scheme, value: check.value };
  if (check.problem === 'scheme') {
    const known = registry.schemes.map((s) => s.code).join(', ');
    problems.push({
      row: row.line,
      field: 'national_id_scheme',
      code: 'unknown',
      message: `Unknown scheme "${schemeCode}"; use one of ${known}.`,
    });
  } else {
    problems.push({
      row: row.line,
      field: 'national_id',
      code: `national_id.${check.problem}`,
      message: `Not a valid ${schemeCode} number (${check.problem}).`,
    });
  }
  return null;
}

/** Reads and checks every candidate row: all the problems of every row, and duplicates within the file. */
export function candidateRows(rows: readonly TableRow[], registry: NationalIdRegistry) {
  const problems: ImportProblem[] = [];
  const candidates: CandidateRow[] = [];
  // Every readable national ID and e-mail, even on rows refused for another cell, so a repeat is reported too.
  const ids: { line: number; key: string }[] = [];
  const emails: { line: number; key: string }[] = [];
  for (const row of rows) {
    const before = problems.length;
    const id = nationalId(row, registry, problems);
    if (id) ids.push({ line: row.line, key: `${id.scheme}:${id.value}` });
    const fullName = text(row, 'full_name', 200, problems);
    const email = text(row, 'email', 254, problems).toLowerCase();
    if (email && email.length <= 254 && !EMAIL.test(email)) {
      problems.push({ row: row.line, field: 'email', code: 'format', message: 'Not an e-mail address.' });
    } else if (email) emails.push({ line: row.line, key: email });
    const language = (row.cells.language || 'az').toLowerCase();
    if (!(IMPORT_LANGUAGES as readonly string[]).includes(language)) {
      problems.push({ row: row.line, field: 'language', code: 'unknown', message: 'The language is az, ru or en.' });
    }
    if (problems.length === before && id) {
      candidates.push({
        line: row.line,
        nationalIdScheme: id.scheme,
        nationalId: id.value,
        fullName,
        email,
        language: language as ImportLanguage,
      });
    }
  }
  problems.push(
    ...duplicatesInFile(ids, (r) => r.key, 'national_id'),
    ...duplicatesInFile(emails, (r) => r.key, 'email'),
  );
  return { candidates, problems };
}

/** Reads and checks every booking row: all the problems of every row, and a person booked twice into one sitting. */
export function bookingRows(rows: readonly TableRow[], registry: NationalIdRegistry) {
  const problems: ImportProblem[] = [];
  const bookings: BookingRow[] = [];
  for (const row of rows) {
    const before = problems.length;
    const id = nationalId(row, registry, problems);
    const sittingCode = text(row, 'sitting', 64, problems);
    const roomName = text(row, 'room', 200, problems, false) || null;
    if (problems.length === before && id) {
      bookings.push({ line: row.line, nationalIdScheme: id.scheme, nationalId: id.value, sittingCode, roomName });
    }
  }
  problems.push(
    ...duplicatesInFile(bookings, (b) => `${b.nationalIdScheme}:${b.nationalId}@${b.sittingCode}`, 'national_id'),
  );
  return { bookings, problems };
}
