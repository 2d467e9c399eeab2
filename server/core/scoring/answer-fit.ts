/**
 * Whether an answer fits its item, checked when it is saved (DESIGN.md rule 12). An answer that does
 * not fit (an option the item does not have, text for a choice item, two options on a single-choice
 * item, a character no text can hold) is refused at the door, so scoring, publication and
 * re-scoring never meet it and one candidate's odd request can block nobody else.
 */
import type { QuestionContent } from '../question';
import type { Answer } from './input';

/** The longest typed answer kept; the wire schema says the same. */
export const MAX_TEXT_ANSWER = 2_000;
/** The longest essay kept: some 3,000 words, well beyond any asked-for length; the wire schema says the same. */
export const MAX_ESSAY_ANSWER = 20_000;

export interface AnswerMisfit {
  field: 'answer.kind' | 'answer.optionIds' | 'answer.text';
  code: 'wrong_kind' | 'unknown_option' | 'duplicate_option' | 'too_many_options' | 'too_long' | 'invalid_character';
  message: string;
}

export type AnswerFit = { ok: true; answer: Answer | null } | { ok: false; misfit: AnswerMisfit };

/**
 * Text no exam answer carries: NUL and the other C0 controls but tab and line breaks, DEL, and lone
 * surrogates (which have no UTF-8 form, so could be neither stored faithfully nor digested).
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
const INVALID_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|\p{Cs}/u;

const refuse = (field: AnswerMisfit['field'], code: AnswerMisfit['code'], message: string): AnswerFit => ({
  ok: false,
  misfit: { field, code, message },
});

/**
 * Checks `answer` against the item and turns the labels the candidate saw into the item's own option
 * ids (see `optionLabels`).
 *
 * @param authoredId the option id behind a shown label, or undefined for a label the item did not show
 */
export function fitAnswer(
  content: Pick<QuestionContent, 'type'>,
  answer: Answer,
  authoredId: (label: string) => string | undefined,
): AnswerFit {
  if (answer.kind === 'choice') {
    if (content.type === 'short' || content.type === 'essay')
      return refuse('answer.kind', 'wrong_kind', 'This question takes a typed answer, not a choice.');
    const ids: string[] = [];
    for (const label of answer.optionIds) {
      const id = authoredId(label);
      if (id === undefined) return refuse('answer.optionIds', 'unknown_option', 'This question has no such option.');
      if (ids.includes(id)) return refuse('answer.optionIds', 'duplicate_option', 'An option is chosen twice.');
      ids.push(id);
    }
    if (content.type === 'single' && ids.length > 1)
      return refuse('answer.optionIds', 'too_many_options', 'This question takes one option only.');
    return { ok: true, answer: { kind: 'choice', optionIds: ids } };
  }
  if (content.type !== 'short' && content.type !== 'essay')
    return refuse('answer.kind', 'wrong_kind', 'This question takes a choice of options, not typed text.');
  const longest = content.type === 'essay' ? MAX_ESSAY_ANSWER : MAX_TEXT_ANSWER;
  if (answer.text.length > longest)
    return refuse('answer.text', 'too_long', `An answer holds at most ${longest} characters.`);
  if (INVALID_TEXT.test(answer.text))
    return refuse('answer.text', 'invalid_character', 'The answer holds a character that text cannot carry.');
  return { ok: true, answer };
}
