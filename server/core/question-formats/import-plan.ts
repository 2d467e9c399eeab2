import { canonicalJson } from '../canonical-json';
import { foldCase } from './category';
import { LANGUAGES, type Language, type QuestionDraft } from '../question';
import type { ExtraRules, ImportProblem } from './types';

/** A question already in the bank, as an import compares against it: its current version as a draft. */
export interface BankQuestion {
  id: string;
  status: string;
  draft: QuestionDraft;
}

/** What importing one read question does: add a new question, give an existing one a new version, or nothing. */
export type PlannedRow =
  | { row: number; kind: 'new' }
  | { row: number; kind: 'update'; questionId: string }
  | { row: number; kind: 'unchanged'; questionId: string };

/** A read question whose text, in some language, is already another question's (or another row's). */
export interface Duplicate {
  row: number;
  language: Language;
  /** The bank's question with the same text… */
  questionId?: string;
  externalId?: string;
  /** …or the earlier row of the same file. */
  sameAsRow?: number;
}

export interface ImportPlan {
  /** The bank's rules on each read draft; also records the plan and the duplicates as the reader calls it. */
  rules: ExtraRules;
  /** In the reader's order, one per draft it accepted. */
  rows: PlannedRow[];
  duplicates: Duplicate[];
}

/**
 * Plans an import against the bank, row by row, as the format's reader calls the rules.
 *
 * - The subject and topic must exist and belong together.
 * - An external id names one question. Without `update` an id already in the bank is refused (`taken`). With
 *   `update`, a read question whose id is in the bank is compared with that question's current version: the
 *   same draft changes nothing, a different one becomes a new version (reviewed as usual); a retired question is
 *   refused, since it cannot be edited. An id repeated within the file is refused either way.
 * - A question whose stem, in any language, is the same text as another question's (the bank's, not the one it
 *   updates; or an earlier row's) is listed as a possible duplicate, for the examiner to decide; it is no error.
 */
export function planImport(
  bank: readonly BankQuestion[],
  taxonomy: readonly { id: string; topics: readonly { id: string }[] }[],
  update: boolean,
): ImportPlan {
  const topicSubject = new Map(taxonomy.flatMap((s) => s.topics.map((t) => [t.id, s.id] as const)));
  const byExternalId = new Map(
    bank.flatMap((question) =>
      question.draft.externalId === undefined ? [] : [[question.draft.externalId, question] as const],
    ),
  );
  const byText = new Map<string, BankQuestion>();
  for (const question of bank) {
    for (const language of LANGUAGES) {
      const text = question.draft.content.text[language];
      if (text !== undefined) byText.set(`${language}:${textKey(text)}`, question);
    }
  }
  const seenIds = new Set<string>();
  const seenTexts = new Map<string, number>();
  const rows: PlannedRow[] = [];
  const duplicates: Duplicate[] = [];

  const rules: ExtraRules = (draft, row = rows.length + 1) => {
    const problems: Omit<ImportProblem, 'row'>[] = [];
    if (!taxonomy.some((s) => s.id === draft.subject)) {
      problems.push({ field: 'subject', code: 'unknown', message: `No subject ${draft.subject} in the bank.` });
    }
    if (draft.topic && topicSubject.get(draft.topic) !== draft.subject) {
      problems.push({ field: 'topic', code: 'unknown', message: `No topic ${draft.topic} in ${draft.subject}.` });
    }
    const existing = draft.externalId === undefined ? undefined : byExternalId.get(draft.externalId);
    if (draft.externalId !== undefined) {
      if (seenIds.has(draft.externalId)) {
        problems.push({
          field: 'externalId',
          code: 'duplicate',
          message: `External id ${draft.externalId} is used by an earlier question of the file.`,
        });
      } else if (existing && !update) {
        problems.push({
          field: 'externalId',
          code: 'taken',
          message: `External id ${draft.externalId} is already used; choose "update existing questions" to give it a new version.`,
        });
      } else if (existing?.status === 'retired') {
        problems.push({
          field: 'externalId',
          code: 'retired',
          message: `The question with external id ${draft.externalId} is retired and cannot be updated.`,
        });
      }
      seenIds.add(draft.externalId);
    }
    if (existing && update) {
      rows.push(
        sameDraft(existing.draft, draft)
          ? { row, kind: 'unchanged', questionId: existing.id }
          : { row, kind: 'update', questionId: existing.id },
      );
    } else {
      rows.push({ row, kind: 'new' });
    }
    for (const language of LANGUAGES) {
      const text = draft.content.text[language];
      if (text === undefined) continue;
      const key = `${language}:${textKey(text)}`;
      const other = byText.get(key);
      const earlier = seenTexts.get(key);
      if (other && other.id !== existing?.id) {
        duplicates.push({
          row,
          language,
          questionId: other.id,
          ...(other.draft.externalId === undefined ? {} : { externalId: other.draft.externalId }),
        });
      } else if (earlier !== undefined) {
        duplicates.push({ row, language, sameAsRow: earlier });
      }
      if (earlier === undefined) seenTexts.set(key, row);
    }
    return problems;
  };
  return { rules, rows, duplicates };
}

/** Whether two drafts say the same, field by field (key order and absent-vs-undefined aside). */
export function sameDraft(a: QuestionDraft, b: QuestionDraft): boolean {
  return canonicalJson(JSON.parse(JSON.stringify(a))) === canonicalJson(JSON.parse(JSON.stringify(b)));
}

/**
 * A stem as the duplicate check compares it: Unicode-normalised, without regard to case, spacing or the
 * punctuation at its end, so a copy retyped with another quote mark or a trailing space is still found.
 */
export function textKey(text: string): string {
  return foldCase(text)
    .replace(/\s+/g, ' ')
    .replace(/[\s.?!:;…]+$/u, '')
    .trim();
}
