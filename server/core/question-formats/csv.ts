import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import {
  LANGUAGES,
  QUESTION_TYPES,
  type Difficulty,
  type ExpectedLength,
  type Localised,
  type MultipleScoring,
  type QuestionDraft,
  type QuestionKey,
  type QuestionOption,
  type QuestionType,
  type RubricCriterion,
  type ShortMatch,
} from '../question';
import { defaultOptionId } from './choice-key';
import { rubricFrom } from './essay-parts';
import { joinList, protectCell, splitList, unprotectCell } from './csv-cells';
import { columnForPath, CSV_COLUMNS, OPTION_SLOTS, REQUIRED_COLUMNS, TEXT_COLUMNS } from './csv-columns';
import { finishImport, refuse, type ParsedRow } from './import-result';
import { cleanText, normaliseNewlines } from './localised';
import type { ExtraRules, ImportProblem, ImportResult } from './types';

/*
 * CSV for spreadsheets: UTF-8 with a byte-order mark (without it Excel misreads ə, ı and Cyrillic), CRLF between
 * rows as RFC 4180 says, a header row naming the columns (csv-columns.ts). Cells are protected against formula
 * injection and lists are `|`-separated (csv-cells.ts).
 *
 * On import, columns may come in any order and optional ones may be left out; header names are matched without
 * regard to case or surrounding spaces. Empty cells take defaults: difficulty `medium`, multiple-choice scoring
 * `all-or-nothing` (one point per item, as at DİM), short-answer matching `normalised`, option ids `a`…`f` by
 * column group. Problems name the CSV line (the header is line 1) and the column.
 */

/** A CSV file for the drafts, one row each. */
export function exportCsv(drafts: readonly QuestionDraft[]): string {
  const rows = drafts.map((draft) => {
    const cells = rowCells(draft);
    return CSV_COLUMNS.map((column) => protectCell(cells[column] ?? ''));
  });
  // Rows end in CRLF, so csv-stringify would leave a cell holding a bare LF unquoted; quote every multi-line cell.
  return stringify(rows, {
    header: true,
    columns: [...CSV_COLUMNS],
    bom: true,
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
  });
}

function rowCells(draft: QuestionDraft): Record<string, string> {
  const { content, key } = draft;
  const cells: Record<string, string> = {
    external_id: draft.externalId ?? '',
    subject: draft.subject,
    topic: draft.topic ?? '',
    type: content.type,
    scoring: key.type === 'multiple' ? key.scoring : '',
    match: key.type === 'short' ? key.match : '',
    difficulty: draft.difficulty,
    correct: key.type === 'short' || key.type === 'essay' ? '' : joinList(key.correct),
    source: draft.source ?? '',
    tags: joinList(draft.tags),
    min_words: content.expectedLength ? String(content.expectedLength.minWords) : '',
    max_words: content.expectedLength ? String(content.expectedLength.maxWords) : '',
    rubric: key.type === 'essay' ? JSON.stringify(key.rubric) : '',
  };
  for (const language of LANGUAGES) {
    cells[`text_${language}`] = content.text[language] ?? '';
    cells[`explanation_${language}`] = draft.explanation[language] ?? '';
    if (key.type === 'short') {
      const wordings = key.accepted.map((answer) => answer[language] ?? '');
      cells[`accepted_${language}`] = wordings.some((wording) => wording !== '') ? joinList(wordings) : '';
    }
  }
  content.options.forEach((option, index) => {
    cells[`option_${index + 1}_id`] = option.id;
    for (const language of LANGUAGES) cells[`option_${index + 1}_${language}`] = option.text[language] ?? '';
  });
  return cells;
}

/** Reads a CSV file. All-or-nothing: any problem refuses the whole file, listing every problem. */
export function importCsv(text: string, extraRules?: ExtraRules): ImportResult {
  const read = readCsv(text);
  if (!read.ok) return refuse(parserCode(read.code), `The CSV cannot be read: ${read.message}`, read.line);
  const { header, records } = read;
  if (!header) return refuse('missing-column', 'The file is empty: the first line must name the columns.', 1);

  const columns = header.map((name) => name.trim().toLowerCase());
  const headerProblems = checkHeader(columns);
  if (headerProblems.length > 0) return { ok: false, problems: headerProblems };

  const rows: ParsedRow[] = [];
  for (const { cells: record, line } of records) {
    if (record.length !== columns.length) {
      const message = `Line ${line} has ${record.length} cells but the header names ${columns.length} columns.`;
      rows.push({ row: line, problems: [{ row: line, code: 'cell-count', message }] });
      continue;
    }
    const cells = new Map(columns.map((column, index) => [column, cleanText(unprotectCell(record[index] ?? ''))]));
    rows.push(readRow((column) => cells.get(column) ?? '', line));
  }
  return finishImport(rows, { fieldName: columnForPath, extraRules });
}

/** A data record of a CSV file: its cells, and the line it starts on (the header is line 1). */
export interface CsvRecord {
  cells: string[];
  line: number;
}

/**
 * A CSV file as an import reads it: UTF-8 with or without a byte-order mark, any line breaks, cells separated by
 * `,` or `;` (see delimiterOf), RFC 4180 quoting. Gives the header's cells (none when the file is empty) and the
 * data records, blank lines and rows of blank cells left out; or why csv-parse cannot read the file, and where.
 */
export function readCsv(
  text: string,
):
  | { ok: true; header: string[] | undefined; records: CsvRecord[] }
  | { ok: false; line: number; code: unknown; message: string } {
  // Line breaks are unified first: cells keep `\n` anyway, and csv-parse's line count goes astray on mixed ones.
  const source = normaliseNewlines(text).replace(/^\uFEFF/, '');
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(source, {
      delimiter: delimiterOf(source),
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const { lines, code } = error as { lines?: unknown; code?: unknown };
    return { ok: false, line: typeof lines === 'number' ? lines : 0, code, message: (error as Error).message };
  }
  const [header, ...body] = parsed;
  const records = body
    .filter(({ record }) => !record.every((cell) => cell.trim() === ''))
    .map(({ record, info }) => ({
      cells: record,
      // info.lines is the line a record ends on; a record's own line breaks (inside quoted cells) come before it.
      line: info.lines - record.reduce((sum, cell) => sum + (cell.match(/\n/g)?.length ?? 0), 0),
    }));
  return { ok: true, header: header?.record, records };
}

/**
 * The cell separator: `,` as RFC 4180 has it, or `;`, which spreadsheets write where the decimal separator is a
 * comma (the Azerbaijani and Russian defaults). The header line decides, since column names contain neither.
 */
export function delimiterOf(text: string): ',' | ';' {
  const header = text.slice(0, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'));
  const count = (char: string) => header.split(char).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/** csv-parse's error as one of the report's codes, which the import page words in the reader's language. */
function parserCode(code: unknown): ImportProblem['code'] {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'csv-quote-not-closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return 'csv-bad-quote';
    default:
      return 'syntax';
  }
}

function checkHeader(columns: readonly string[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  for (const column of columns) {
    if (!CSV_COLUMNS.includes(column)) {
      problems.push({
        row: 1,
        field: column,
        code: 'unknown-column',
        message: `Unknown column "${column}". The columns are: ${CSV_COLUMNS.join(', ')}.`,
      });
    } else if (seen.has(column)) {
      problems.push({ row: 1, field: column, code: 'duplicate', message: `Column "${column}" appears twice.` });
    }
    seen.add(column);
  }
  for (const column of REQUIRED_COLUMNS) {
    if (!seen.has(column)) {
      problems.push({
        row: 1,
        field: column,
        code: 'missing-column',
        message: `The required column "${column}" is missing.`,
      });
    }
  }
  if (!TEXT_COLUMNS.some((column) => seen.has(column))) {
    problems.push({
      row: 1,
      field: 'text_az',
      code: 'missing-column',
      message: `A question text column is missing: add at least one of ${TEXT_COLUMNS.join(', ')}.`,
    });
  }
  return problems;
}

function readRow(cell: (column: string) => string, row: number): ParsedRow {
  const problems: ImportProblem[] = [];
  const report = (field: string, code: ImportProblem['code'], message: string) =>
    problems.push({ row, field, code, message });

  const type = cell('type').toLowerCase();
  if (!(QUESTION_TYPES as readonly string[]).includes(type)) {
    report('type', type === '' ? 'required' : 'invalid', `The type must be one of ${QUESTION_TYPES.join(', ')}.`);
    return { row, problems };
  }
  const localised = (prefix: string): Localised => {
    const text: Localised = {};
    for (const language of LANGUAGES) {
      const value = cell(`${prefix}_${language}`);
      if (value !== '') text[language] = value;
    }
    return text;
  };
  // Cells that only mean something for another question type are refused, not ignored: they are a mistake.
  const misplaced = (column: string, allowedFor: QuestionType) => {
    if (type !== allowedFor && cell(column) !== '') {
      report(column, 'invalid', `"${column}" applies only to ${allowedFor} questions; leave it empty here.`);
    }
  };
  misplaced('scoring', 'multiple');
  misplaced('match', 'short');
  for (const language of LANGUAGES) misplaced(`accepted_${language}`, 'short');
  for (const column of ['min_words', 'max_words', 'rubric']) misplaced(column, 'essay');
  if (type === 'essay' && cell('correct') !== '') {
    report('correct', 'invalid', 'An essay is marked against its rubric, not by correct options.');
  }
  if (type === 'short' && cell('correct') !== '') {
    report('correct', 'invalid', 'A short-answer question lists accepted answers, not correct options.');
  }

  const options: QuestionOption[] = [];
  for (const slot of OPTION_SLOTS) {
    const text = localised(`option_${slot}`);
    const id = cell(`option_${slot}_id`);
    if (id !== '' || Object.keys(text).length > 0) options.push({ id: id || defaultOptionId(slot - 1), text });
  }
  const correct = splitList(cell('correct')).filter((id) => id !== '');
  let key: QuestionKey;
  let expectedLength: ExpectedLength | undefined;
  if (type === 'essay') {
    key = { type: 'essay', rubric: readRubric(cell('rubric'), report) };
    expectedLength = readLength(cell, report);
  } else if (type === 'short') {
    key = {
      type: 'short',
      accepted: readAccepted(cell),
      match: (cell('match').toLowerCase() || 'normalised') as ShortMatch,
    };
  } else if (type === 'multiple') {
    key = {
      type: 'multiple',
      correct,
      scoring: (cell('scoring').toLowerCase() || 'all-or-nothing') as MultipleScoring,
    };
  } else {
    key = { type: 'single', correct: correct as [string] };
  }

  const optional = (name: 'externalId' | 'topic' | 'source', column: string) =>
    cell(column) === '' ? {} : { [name]: cell(column) };
  const draft: QuestionDraft = {
    ...optional('externalId', 'external_id'),
    subject: cell('subject'),
    ...optional('topic', 'topic'),
    difficulty: (cell('difficulty').toLowerCase() || 'medium') as Difficulty,
    content: { type: key.type, text: localised('text'), options, ...(expectedLength ? { expectedLength } : {}) },
    key,
    explanation: localised('explanation'),
    ...optional('source', 'source'),
    tags: splitList(cell('tags')).filter((tag) => tag !== ''),
  };
  return { row, draft, problems };
}

type Report = (field: string, code: ImportProblem['code'], message: string) => void;

/** An essay's rubric cell: JSON, shape-checked here; the shared rules check its meaning. */
function readRubric(json: string, report: Report): RubricCriterion[] {
  if (json === '') {
    report('rubric', 'required', 'An essay needs its rubric: the criteria as JSON, as the bank exports them.');
    return [];
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    report('rubric', 'syntax', `The rubric is not valid JSON (${(error as Error).message}).`);
    return [];
  }
  const rubric = rubricFrom(value);
  if (!rubric) report('rubric', 'invalid', 'The rubric must be a list of criteria with their levels.');
  return rubric ?? [];
}

/** Both word limits, or neither; their bounds are the shared rules'. */
function readLength(cell: (column: string) => string, report: Report): ExpectedLength | undefined {
  const [min, max] = [cell('min_words'), cell('max_words')];
  if (min === '' && max === '') return undefined;
  for (const [column, value] of [
    ['min_words', min],
    ['max_words', max],
  ] as const) {
    if (!/^\d+$/.test(value)) report(column, 'invalid', `"${column}" must be a whole number of words.`);
  }
  return { minWords: Number(min), maxWords: Number(max) };
}

/** Accepted answers line up by position across the language columns: the n-th of each is one answer. */
function readAccepted(cell: (column: string) => string): Localised[] {
  const wordings = LANGUAGES.map((language) => [language, splitList(cell(`accepted_${language}`))] as const);
  const count = Math.max(0, ...wordings.map(([, values]) => values.length));
  const accepted: Localised[] = [];
  for (let index = 0; index < count; index++) {
    const answer: Localised = {};
    for (const [language, values] of wordings) {
      const value = values[index];
      if (value) answer[language] = value;
    }
    if (Object.keys(answer).length > 0) accepted.push(answer);
  }
  return accepted;
}
