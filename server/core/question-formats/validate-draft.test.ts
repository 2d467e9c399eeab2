import { describe, expect, it } from 'vitest';
import type { QuestionDraft } from '../question';
import { draftProblems, MAX_TEXT_LENGTH } from './validate-draft';
import { singleChoiceDraft } from './test-support';

const valid = singleChoiceDraft({ explanation: { az: 'Izah' }, tags: ['əsas'] });

function problemsOf(change: (draft: QuestionDraft) => QuestionDraft): [string | undefined, string][] {
  return draftProblems(change(structuredClone(valid)), 7).map((problem) => [problem.field, problem.code]);
}

describe('draftProblems', () => {
  it('accepts a valid draft', () => {
    expect(draftProblems(valid, 1)).toEqual([]);
  });

  it('reports the row it is given', () => {
    expect(draftProblems({ ...valid, subject: '' }, 7)).toMatchObject([{ row: 7, field: 'subject', code: 'required' }]);
  });

  it.each<[string, (draft: QuestionDraft) => QuestionDraft, [string | undefined, string][]]>([
    ['an empty subject', (d) => ({ ...d, subject: ' ' }), [['subject', 'required']]],
    ['an unknown difficulty', (d) => ({ ...d, difficulty: 'trivial' as never }), [['difficulty', 'invalid']]],
    ['no text at all', (d) => ({ ...d, content: { ...d.content, text: {} } }), [['content.text', 'required']]],
    [
      'an option missing a language',
      (d) => {
        d.content.options[1] = { id: 'b', text: { az: 'xeyr' } };
        return d;
      },
      [['content.options.1.text', 'language-mismatch']],
    ],
    [
      'an explanation in a language the question lacks',
      (d) => ({ ...d, explanation: { en: 'Why' } }),
      [['explanation', 'language-mismatch']],
    ],
    [
      'one option',
      (d) => {
        d.content.options.pop();
        return d;
      },
      [['content.options', 'required']],
    ],
    [
      'duplicate option ids',
      (d) => {
        d.content.options[1] = { id: 'a', text: { az: 'x', ru: 'y' } };
        return d;
      },
      [['content.options.1.id', 'duplicate']],
    ],
    [
      'an option id with a comma',
      (d) => {
        d.content.options[1] = { id: 'b,c', text: { az: 'x', ru: 'y' } };
        return d;
      },
      [['content.options.1.id', 'invalid']],
    ],
    [
      'a correct id that is not an option',
      (d) => ({ ...d, key: { type: 'single', correct: ['z'] } }),
      [['key.correct', 'invalid']],
    ],
    [
      'two correct ids in single choice',
      (d) => ({ ...d, key: { type: 'single', correct: ['a', 'b'] as never } }),
      [['key.correct', 'invalid']],
    ],
    [
      'no correct ids in multiple choice',
      (d) => ({
        ...d,
        content: { ...d.content, type: 'multiple' },
        key: { type: 'multiple', correct: [], scoring: 'partial' },
      }),
      [['key.correct', 'required']],
    ],
    [
      'a key of another type',
      (d) => ({ ...d, key: { type: 'multiple', correct: ['a'], scoring: 'partial' } }),
      [['key.type', 'invalid']],
    ],
    [
      'a short answer with options and nothing accepted',
      (d) => ({
        ...d,
        content: { ...d.content, type: 'short' },
        key: { type: 'short', accepted: [], match: 'exact' },
      }),
      [
        ['content.options', 'invalid'],
        ['key.accepted', 'required'],
      ],
    ],
    [
      'untrimmed and empty tags',
      (d) => ({ ...d, tags: [' x', '', 'əsas', 'əsas'] }),
      [
        ['tags.0', 'invalid'],
        ['tags.1', 'required'],
        ['tags.3', 'duplicate'],
      ],
    ],
    [
      'a stem with surrounding space',
      (d) => ({ ...d, content: { ...d.content, text: { az: ' Sual', ru: 'Вопрос' } } }),
      [['content.text.az', 'invalid']],
    ],
    [
      'a control character',
      (d) => ({ ...d, content: { ...d.content, text: { az: 'Su\u0007al', ru: 'Вопрос' } } }),
      [['content.text.az', 'invalid']],
    ],
    [
      'an over-long stem',
      (d) => ({ ...d, content: { ...d.content, text: { az: 'ə'.repeat(MAX_TEXT_LENGTH + 1), ru: 'Вопрос' } } }),
      [['content.text.az', 'too-long']],
    ],
    [
      'a language the exam does not have',
      (d) => ({ ...d, explanation: { de: 'Warum' } as never }),
      [['explanation.de', 'invalid']],
    ],
    ['an empty topic', (d) => ({ ...d, topic: '' }), [['topic', 'invalid']]],
  ])('reports %s', (_what, change, expected) => {
    expect(problemsOf(change)).toEqual(expected);
  });
});
