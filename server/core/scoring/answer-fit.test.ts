import { describe, expect, it } from 'vitest';
import { fitAnswer, MAX_TEXT_ANSWER, type AnswerMisfit } from './answer-fit';
import type { Answer } from './input';

// Labels as a paper shows them, and the item's own ids behind them.
const LABELS: Record<string, string> = { k3m9q2xa: 'a', p7d4r8tz: 'b', w2c6h5nv: 'c' };
const authored = (label: string) => LABELS[label];
const single = { type: 'single' as const };
const multiple = { type: 'multiple' as const };
const short = { type: 'short' as const };
const choice = (...optionIds: string[]): Answer => ({ kind: 'choice', optionIds });
const text = (t: string): Answer => ({ kind: 'text', text: t });

describe('fitAnswer', () => {
  it.each([
    ['a single choice', single, choice('p7d4r8tz'), choice('b')],
    ['no option (cleared)', single, choice(), choice()],
    ['two options on multiple choice', multiple, choice('w2c6h5nv', 'k3m9q2xa'), choice('c', 'a')],
    ['text, with a tab and line breaks', short, text('Bakı\tşəhəri\r\n'), text('Bakı\tşəhəri\r\n')],
    ['text of the longest length', short, text('x'.repeat(MAX_TEXT_ANSWER)), text('x'.repeat(MAX_TEXT_ANSWER))],
  ])('takes %s, in the item’s own ids', (_, item, answer, stored) => {
    expect(fitAnswer(item, answer, authored)).toEqual({ ok: true, answer: stored });
  });

  const refused: [string, { type: 'single' | 'multiple' | 'short' }, Answer, AnswerMisfit['field'], string][] = [
    ['an authored id instead of a label', single, choice('a'), 'answer.optionIds', 'unknown_option'],
    ['an unknown label', single, choice('zz'), 'answer.optionIds', 'unknown_option'],
    ['one good label and one unknown', multiple, choice('k3m9q2xa', 'zz'), 'answer.optionIds', 'unknown_option'],
    ['the same option twice', multiple, choice('k3m9q2xa', 'k3m9q2xa'), 'answer.optionIds', 'duplicate_option'],
    ['two options on single choice', single, choice('k3m9q2xa', 'p7d4r8tz'), 'answer.optionIds', 'too_many_options'],
    ['text on a choice item', single, text('a'), 'answer.kind', 'wrong_kind'],
    ['a choice on a short-answer item', short, choice('k3m9q2xa'), 'answer.kind', 'wrong_kind'],
    ['over-long text', short, text('x'.repeat(MAX_TEXT_ANSWER + 1)), 'answer.text', 'too_long'],
    ['a NUL in text', short, text('Bakı\u0000'), 'answer.text', 'invalid_character'],
    ['a lone high surrogate', short, text('Bakı\uD800'), 'answer.text', 'invalid_character'],
    ['a lone low surrogate', short, text('\uDC00Bakı'), 'answer.text', 'invalid_character'],
    ['an escape character', short, text('\u001b[31m'), 'answer.text', 'invalid_character'],
  ];
  it.each(refused)('refuses %s, naming the field', (_, item, answer, field, code) => {
    const fit = fitAnswer(item, answer, authored);
    expect(fit.ok).toBe(false);
    if (!fit.ok) expect(fit.misfit).toMatchObject({ field, code });
  });

  it('keeps an emoji (a surrogate pair) in text', () => {
    expect(fitAnswer(short, text('👍'), authored)).toEqual({ ok: true, answer: text('👍') });
  });
});
