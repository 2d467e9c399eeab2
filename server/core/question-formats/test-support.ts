/**
 * Fixtures for the question-format tests. Test-only: nothing outside *.test.ts imports this file.
 */
import { expect } from 'vitest';
import type { QuestionDraft } from '../question';
import type { ImportProblem, ImportResult } from './types';

/** A valid single-choice draft in Azerbaijani and Russian, with no explanation or tags unless given. */
export function singleChoiceDraft(overrides: Partial<QuestionDraft> = {}): QuestionDraft {
  return {
    subject: 'logic',
    difficulty: 'easy',
    content: {
      type: 'single',
      text: { az: 'Sual', ru: 'Вопрос' },
      options: [
        { id: 'a', text: { az: 'bəli', ru: 'да' } },
        { id: 'b', text: { az: 'xeyr', ru: 'нет' } },
      ],
    },
    key: { type: 'single', correct: ['a'] },
    explanation: {},
    tags: [],
    ...overrides,
  };
}

/** The problems a refused import reports; an accepted import fails the calling test. */
export function refused(result: ImportResult): ImportProblem[] {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems;
}

/** The problems a refused import reports, as [row, field, code]. */
export const refusals = (result: ImportResult) => refused(result).map((p) => [p.row, p.field, p.code]);
