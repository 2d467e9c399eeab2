import { describe, expect, it } from 'vitest';
import type { QuestionDraft, QuestionVersion } from '../../api/bank';
import { draftFromValues, inputForPath, valuesFromVersion } from './question-form';

const essay: QuestionDraft = {
  subject: 'language',
  difficulty: 'medium',
  content: {
    type: 'essay',
    text: { az: 'Məktub yazın.', en: 'Write a letter.' },
    options: [],
    expectedLength: { minWords: 150, maxWords: 300 },
  },
  key: {
    type: 'essay',
    rubric: [
      {
        id: 'c1',
        title: { az: 'Məzmun', en: 'Content' },
        maxPoints: 10,
        levels: [
          { points: 0, descriptor: { az: 'Yoxdur', en: 'None' } },
          { points: 10, descriptor: { az: 'Tam', en: 'Full' } },
        ],
      },
      { id: 'c2', title: { az: 'Dil' }, maxPoints: 5, levels: [{ points: 5, descriptor: { az: 'Səlis' } }] },
    ],
  },
  explanation: {},
  tags: [],
};

describe('the editor form of an essay', () => {
  it('reads a version into flat fields and writes the same draft back', () => {
    const values = valuesFromVersion({ ...essay, version: 1 } as unknown as QuestionVersion);
    expect(values.c1_points).toBe('0, 10');
    expect(values.c1_levels_en).toBe('None\nFull');
    expect(draftFromValues(values)).toEqual(essay);
  });

  it('sends typed nonsense as a value the API refuses against the right field', () => {
    const values = valuesFromVersion({ ...essay, version: 1 } as unknown as QuestionVersion);
    const draft = draftFromValues({ ...values, c2_max: 'ten', minWords: '', maxWords: '' });
    if (draft.key.type !== 'essay') throw new Error('not an essay');
    expect(draft.key.rubric[1]!.maxPoints).toBeNaN();
    expect(draft.content.expectedLength).toBeUndefined();
    expect(inputForPath('key.rubric.1.maxPoints', values)).toBe('c2_max');
    expect(inputForPath('key.rubric.0.levels.1.descriptor.en', values)).toBe('c1_levels_en');
    expect(inputForPath('key.rubric.0.levels.1.points', values)).toBe('c1_points');
    expect(inputForPath('content.expectedLength.maxWords', values)).toBe('maxWords');
  });
});
