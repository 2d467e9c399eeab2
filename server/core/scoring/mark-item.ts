/**
 * Marking one item against its key: which outcome, and what share of the item's points it earns.
 * Negative marking and annulments are applied by the caller, which knows the rules.
 */
import type { Language, QuestionKey } from '../question';
import type { Answer } from './input';
import { isBlankText, matchesShortAnswer } from './normalise-answer';

/** An item's outcome before annulment: its credit is `earned / of` of the item's points. */
export interface Mark {
  /** `pending`: an essay, marked by people (server/modules/marking), never here. */
  outcome: 'correct' | 'partial' | 'wrong' | 'unanswered' | 'pending';
  /** 0 ≤ earned ≤ of; 0 for wrong and unanswered. */
  earned: number;
  of: number;
}

const UNANSWERED: Mark = { outcome: 'unanswered', earned: 0, of: 1 };
const CORRECT: Mark = { outcome: 'correct', earned: 1, of: 1 };
const WRONG: Mark = { outcome: 'wrong', earned: 0, of: 1 };
const PENDING: Mark = { outcome: 'pending', earned: 0, of: 1 };

/**
 * Unanswered: no entry, no option chosen, or text that is only whitespace. A candidate who clears a
 * choice or leaves the box empty has not answered, and must never be marked wrong for it.
 */
export function isUnanswered(answer: Answer | undefined): boolean {
  if (answer === undefined) return true;
  return answer.kind === 'choice' ? answer.optionIds.length === 0 : isBlankText(answer.text);
}

/**
 * Marks an answer that has already been checked against the key (right kind, known options).
 *
 * - single: correct iff exactly the key's option is chosen. Choosing it together with another is wrong.
 * - multiple, all-or-nothing: correct iff the chosen set equals the key's set.
 * - multiple, partial: credit = max(0, (correctChosen − wrongChosen) / keyCount), the common "right minus
 *   wrong" rule (what Moodle gives when each correct option is worth +1/keyCount and each wrong one
 *   −1/keyCount). Each correct option earns an equal share and each wrong one cancels a share, so
 *   ticking extra boxes costs credit and ticking every box earns full credit only when every option is
 *   correct. The floor at 0 keeps an item from costing more than a wrong answer. Full credit is
 *   "correct", a credit strictly between 0 and 1 "partial", and no credit at all "wrong" (it was
 *   answered and earned nothing, so negative marking applies to it like any wrong answer).
 * - short: matched in the exam's language (see `matchesShortAnswer`).
 * Chosen option ids are a set: their order and any repetition do not matter.
 */
export function markItem(key: QuestionKey, answer: Answer | undefined, language: Language): Mark {
  // Even a blank essay goes to its markers, who record its 0 against the rubric with a reason.
  if (key.type === 'essay') return PENDING;
  if (answer === undefined || isUnanswered(answer)) return UNANSWERED;
  switch (key.type) {
    case 'short':
      return answer.kind === 'text' && matchesShortAnswer(answer.text, key.accepted, key.match, language)
        ? CORRECT
        : WRONG;
    case 'single':
    case 'multiple': {
      const chosen = new Set(answer.kind === 'choice' ? answer.optionIds : []);
      const correct = new Set(key.correct);
      let right = 0;
      for (const id of chosen) if (correct.has(id)) right++;
      const wrong = chosen.size - right;
      if (right === correct.size && wrong === 0) return CORRECT;
      if (key.type === 'single' || key.scoring === 'all-or-nothing') return WRONG;
      const earned = Math.max(0, right - wrong);
      return earned === 0 ? WRONG : { outcome: 'partial', earned, of: correct.size };
    }
  }
}
