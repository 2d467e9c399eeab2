import type { QuestionDraft } from '../question';
import type { CategoryUse, ExtraRules, ImportProblem, ImportResult } from './types';
import { draftProblems } from './validate-draft';

/**
 * A question as read from a file, before the shared rules are applied. A reader leaves `draft` out when the row
 * could not be read far enough for the shared rules to say anything useful (an unknown type, broken metadata).
 */
export interface ParsedRow {
  row: number;
  draft?: QuestionDraft;
  problems: ImportProblem[];
  /** The Moodle category path that filed the question, when no imtahan metadata did. */
  category?: string;
}

/**
 * Applies the shared draft rules to every row and enforces all-or-nothing: one bad row refuses the whole file,
 * and the report still lists every row's problems so the examiner can fix them in one pass.
 *
 * `fieldName` renames draft paths for formats whose examiners think in other names (CSV columns).
 */
export function finishImport(
  rows: readonly ParsedRow[],
  options: {
    fileProblems?: readonly ImportProblem[];
    fieldName?: (draftPath: string) => string;
    extraRules?: ExtraRules | undefined;
  } = {},
): ImportResult {
  const { fileProblems = [], fieldName = (path: string) => path, extraRules } = options;
  const problems: ImportProblem[] = [...fileProblems];
  const drafts: QuestionDraft[] = [];
  for (const { row, draft, problems: rowProblems } of rows) {
    problems.push(...rowProblems);
    if (!draft) continue;
    // Where the reader already explained a field (say, "no subject: add a category"), the shared rule's
    // generic message for the same field would only repeat it less helpfully; and a text the reader could not
    // read leaves holes that the language rules would report as mismatches, which is noise.
    const explained = rowProblems.map((problem) => problem.field).filter((field) => field !== undefined);
    const unreadText = explained.some((field) =>
      /^(content\.text|content\.options|explanation|key\.accepted)/.test(field),
    );
    for (const problem of draftProblems(draft, row)) {
      if (unreadText && problem.code === 'language-mismatch') continue;
      const field = problem.field === undefined ? undefined : fieldName(problem.field);
      const covered = (known: string) =>
        field === known || problem.field === known || problem.field?.startsWith(`${known}.`);
      if (explained.some(covered)) continue;
      problems.push({ ...problem, ...(field === undefined ? {} : { field }) });
    }
    for (const problem of extraRules?.(draft, row) ?? []) {
      problems.push({ ...problem, row, ...(problem.field === undefined ? {} : { field: fieldName(problem.field) }) });
    }
    drafts.push(draft);
  }
  problems.sort((a, b) => a.row - b.row);
  const categories = categoryUses(rows);
  const extra = categories.length > 0 ? { categories } : {};
  return problems.length > 0 ? { ok: false, problems, ...extra } : { ok: true, drafts, ...extra };
}

function categoryUses(rows: readonly ParsedRow[]): CategoryUse[] {
  const counts = new Map<string, number>();
  for (const { category } of rows) if (category !== undefined) counts.set(category, (counts.get(category) ?? 0) + 1);
  return [...counts].map(([path, questions]) => ({ path, questions }));
}

/** A file-level refusal (row 0). */
export function refuse(code: ImportProblem['code'], message: string, row = 0, field?: string): ImportResult {
  return { ok: false, problems: [field === undefined ? { row, code, message } : { row, field, code, message }] };
}
