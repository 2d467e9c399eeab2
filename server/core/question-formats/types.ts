import type { Language, QuestionDraft } from '../question';

/**
 * Why an import was refused, one entry per mistake so an examiner can fix the whole file in one go.
 *
 * - `required`: a value the bank needs is missing.
 * - `invalid`: a value is present but not allowed (an unknown difficulty, an option id that does not exist…).
 * - `too-long`: a value is over its length limit.
 * - `language-mismatch`: the languages of the stem, options, answers or explanation do not line up.
 * - `duplicate`: two options share an id, a tag or a column is repeated.
 * - `unsupported`: well-formed in its own format but not expressible in the bank (a Moodle essay, an image…).
 * - `syntax`: the file itself is broken (XML not well formed, GIFT braces unbalanced, a bad CSV quote…).
 * - `unknown-column`, `missing-column`, `cell-count`: the CSV's shape is wrong.
 */
export type ImportProblemCode =
  | 'required'
  | 'invalid'
  | 'too-long'
  | 'language-mismatch'
  | 'duplicate'
  | 'unsupported'
  | 'syntax'
  | 'unknown-column'
  | 'missing-column'
  | 'cell-count'
  /** CSV: a quoted cell is never closed (the report's line is where it opens). */
  | 'csv-quote-not-closed'
  /** CSV: a quote inside a cell that is not doubled, or text after a closing quote. */
  | 'csv-bad-quote'
  /** From the bank's own rules: no such subject or topic. */
  | 'unknown'
  /** From the bank's own rules: the external id is already in the bank. */
  | 'taken'
  /** From the bank's own rules: the question to update is retired. */
  | 'retired';

/**
 * One problem found while importing.
 *
 * `row` is 1-based and means what the examiner can find in the file: the question's position for Moodle XML
 * and GIFT, the line number for CSV (the header is line 1). Row 0 is the file as a whole (e.g. XML that does
 * not parse), and then the message carries the line and column where known.
 *
 * `field` names the {@link QuestionDraft} path (`content.text.az`, `key.correct`, `content.options.2.id`) for
 * Moodle XML and GIFT, and the column name (`text_az`, `option_3_id`) for CSV.
 */
export interface ImportProblem {
  row: number;
  field?: string;
  code: ImportProblemCode;
  message: string;
}

/**
 * All-or-nothing: either every question in the file, or every problem found and no questions at all.
 *
 * `categories` lists the Moodle category paths that filed at least one question (those without imtahan subject
 * metadata), in file order, so the import page can offer a mapping for each; left out when there are none.
 */
export type ImportResult =
  | { ok: true; drafts: QuestionDraft[]; categories?: CategoryUse[] }
  | { ok: false; problems: ImportProblem[]; categories?: CategoryUse[] };

/** A Moodle category path and how many of the file's questions it files. */
export interface CategoryUse {
  path: string;
  questions: number;
}

/** Where a question goes in the bank, as a category mapping says. */
export interface Filing {
  subject?: string;
  topic?: string;
}

/** What the importer chooses about a file the file itself does not say. */
export interface ReadOptions {
  /** The language of text without language markup (a plain Moodle or GIFT file); Azerbaijani by default. */
  language?: Language;
  /**
   * Files a question by its Moodle category path (`$course$/top/Informatics/Number systems`). Without it the path
   * is read as `…/top/<subject>/<topic>`, the shape the bank's own export writes.
   */
  category?: (path: string) => Filing;
}

/**
 * Rules only the caller can apply, such as "this subject exists in the bank". They run on every draft
 * read, after the shared rules, and their problems are numbered and named like the file's own.
 */
export type ExtraRules = (draft: QuestionDraft, row?: number) => Omit<ImportProblem, 'row'>[];

/** A question format the bank can read and write. Both directions are pure and never throw on bad input. */
export interface QuestionFormat {
  export(drafts: readonly QuestionDraft[]): string;
  import(text: string, extraRules?: ExtraRules, options?: ReadOptions): ImportResult;
  /** The media type to serve an export with. */
  mediaType: string;
  /** The usual file extension, without the dot. */
  extension: string;
}
