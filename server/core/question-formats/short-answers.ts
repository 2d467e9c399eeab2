import type { Language, Localised } from '../question';
import { isLanguage, languagesOf } from './localised';

/**
 * Moodle and GIFT short-answer questions hold a flat list of accepted strings, and match a candidate's answer
 * against all of them whatever language the candidate sits in. The bank groups accepted answers: one group per
 * answer, one string per language. Export flattens the groups (so Moodle accepts every language's wording) and
 * records the grouping as a layout like `az+ru,az` — group 1 in az and ru, group 2 in az only — which import
 * uses to rebuild the groups. Without a layout (a plain Moodle or GIFT file) each string is its own group, in
 * the language the importer chose for unmarked text (Azerbaijani by default).
 */
export function flattenAccepted(accepted: readonly Localised[]): { answers: string[]; layout: string } {
  const answers = accepted.flatMap((group) => languagesOf(group).map((language) => group[language] ?? ''));
  const layout = accepted.map((group) => languagesOf(group).join('+')).join(',');
  return { answers, layout };
}

export type AcceptedReading = { ok: true; accepted: Localised[] } | { ok: false; message: string };

export function groupAccepted(
  answers: readonly string[],
  layout: string | undefined,
  unmarked: Language = 'az',
): AcceptedReading {
  if (layout === undefined) return { ok: true, accepted: answers.map((answer) => ({ [unmarked]: answer })) };
  const groups = layout === '' ? [] : layout.split(',').map((group) => group.split('+'));
  const expected = groups.reduce((sum, group) => sum + group.length, 0);
  if (expected !== answers.length) {
    return {
      ok: false,
      message: `The answer layout lists ${expected} answers but the question has ${answers.length}.`,
    };
  }
  const accepted: Localised[] = [];
  let next = 0;
  for (const group of groups) {
    const answer: Localised = {};
    for (const language of group) {
      if (!isLanguage(language)) return { ok: false, message: `"${language}" is not an exam language.` };
      answer[language] = answers[next++];
    }
    accepted.push(answer);
  }
  return { ok: true, accepted };
}

/**
 * Moodle treats `*` in a short answer as a wildcard and `\*` as a literal asterisk. The bank has no wildcards, so
 * every asterisk is written escaped.
 */
export function escapeWildcards(answer: string): string {
  return answer.replace(/\*/g, '\\*');
}

/** Reads an answer written for Moodle; undefined when it uses a wildcard, which the bank cannot match. */
export function unescapeWildcards(answer: string): string | undefined {
  if (/(?<!\\)\*/.test(answer)) return undefined;
  return answer.replace(/\\\*/g, '*');
}
