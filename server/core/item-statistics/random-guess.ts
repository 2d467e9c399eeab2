import type { QuestionKey } from '../question';

/**
 * The fraction of the maximum a candidate earns by guessing blindly, as Moodle reports it: 1/k for a
 * single answer among k options, 1/(2^k − 1) for all-or-nothing multiple choice (a guess is any non-empty
 * set of options), 0 for a typed answer. Partial credit depends on the rules' details, so it is unknown.
 */
export function randomGuessScore(key: QuestionKey, optionCount: number): number | null {
  switch (key.type) {
    case 'single':
      return optionCount > 0 ? 1 / optionCount : null;
    case 'multiple':
      return key.scoring === 'all-or-nothing' && optionCount > 0 ? 1 / (2 ** optionCount - 1) : null;
    case 'short':
      return 0;
    case 'essay':
      return null;
  }
}
