import { readCsv } from '../../core/question-formats/csv';

/**
 * One refusal in an import's report, in the question import's shape: the CSV line (the header is line 1,
 * 0 for the file as a whole), the column, a stable code and an English message.
 */
export interface ImportProblem {
  row: number;
  field: string;
  code: string;
  message: string;
}

/** A data row of the file: its line and its cells by column name (trimmed). */
export interface TableRow {
  line: number;
  cells: Record<string, string>;
}

export type TableResult = { ok: true; rows: TableRow[] } | { ok: false; problems: ImportProblem[] };

/** What a spreadsheet may put before a value to keep it from reading as a formula (our own exports do). */
const FORMULA_GUARD = /^'(?=[=+\-@])/;

/**
 * Reads a CSV file for an import: UTF-8 with or without a byte-order mark, CRLF or LF, cells separated by `,`
 * or `;` (the header line decides), RFC 4180 quoting,
 * a header row naming the columns in any order (case and surrounding spaces ignored), blank lines skipped.
 * Refuses the file as a whole (row 0 or 1) when it cannot be read, lacks a required column, names an
 * unknown or repeated one, is empty, or has more than `maxRows` rows; a row with the wrong number of
 * cells is refused by its line.
 */
export function readTable(
  text: string,
  spec: { required: readonly string[]; optional: readonly string[]; maxRows: number },
): TableResult {
  const read = readCsv(text);
  if (!read.ok) return refuse(read.line, 'file', 'syntax', `The CSV cannot be read: ${read.message}`);
  const { header, records } = read;
  const known = [...spec.required, ...spec.optional];
  if (!header)
    return refuse(1, 'file', 'empty', `The file is empty: the first line must name the columns (${known.join(', ')}).`);

  const columns = header.map((name) => name.trim().toLowerCase());
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  for (const column of columns) {
    if (!known.includes(column)) {
      problems.push({
        row: 1,
        field: column || '(empty)',
        code: 'unknown_column',
        message: `Unknown column "${column}". The columns are: ${known.join(', ')}.`,
      });
    } else if (seen.has(column)) {
      problems.push({ row: 1, field: column, code: 'duplicate_column', message: `Column "${column}" appears twice.` });
    }
    seen.add(column);
  }
  for (const column of spec.required) {
    if (!seen.has(column))
      problems.push({
        row: 1,
        field: column,
        code: 'missing_column',
        message: `The required column "${column}" is missing.`,
      });
  }
  if (problems.length) return { ok: false, problems };

  const rows: TableRow[] = [];
  for (const { cells: record, line } of records) {
    if (record.length !== columns.length) {
      problems.push({
        row: line,
        field: 'file',
        code: 'cell_count',
        message: `Line ${line} has ${record.length} cells but the header names ${columns.length} columns.`,
      });
      continue;
    }
    rows.push({
      line,
      cells: Object.fromEntries(columns.map((c, i) => [c, (record[i] ?? '').trim().replace(FORMULA_GUARD, '')])),
    });
  }
  if (rows.length + problems.length > spec.maxRows) {
    return refuse(
      0,
      'file',
      'too_many_rows',
      `The file has more than ${spec.maxRows} rows; split it into smaller files.`,
    );
  }
  if (problems.length) return { ok: false, problems };
  if (rows.length === 0) return refuse(2, 'file', 'no_rows', 'The file names its columns but has no rows.');
  return { ok: true, rows };
}

function refuse(row: number, field: string, code: string, message: string): TableResult {
  return { ok: false, problems: [{ row, field, code, message }] };
}

/**
 * Marks every row after the first that repeats a key (a national ID, an e-mail) within the file, naming
 * the line it repeats.
 */
export function duplicatesInFile<T extends { line: number }>(
  rows: readonly T[],
  key: (row: T) => string | null,
  field: string,
): ImportProblem[] {
  const first = new Map<string, number>();
  const problems: ImportProblem[] = [];
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const earlier = first.get(k);
    if (earlier === undefined) first.set(k, row.line);
    else
      problems.push({
        row: row.line,
        field,
        code: 'duplicate_in_file',
        message: `The same ${field} as line ${earlier}.`,
      });
  }
  return problems;
}

/** Problems in line order, then by column, as the report lists them. */
export const byLine = (problems: ImportProblem[]) =>
  [...problems].sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));
