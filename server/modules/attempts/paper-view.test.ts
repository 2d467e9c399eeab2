import { describe, expect, it } from 'vitest';
import type { QuestionContent } from '../../core/question';
import { shownItem, type LabelKey } from './paper-view';

const content: QuestionContent = {
  type: 'single',
  text: { az: 'Paytaxt hansıdır?', ru: 'Какая столица?', en: 'Which is the capital?' },
  options: [
    { id: 'a', text: { az: 'Bakı', ru: 'Баку', en: 'Baku' } },
    { id: 'b', text: { az: 'Gəncə', ru: 'Гянджа', en: 'Ganja' } },
    { id: 'c', text: { az: 'Şəki', ru: 'Шеки', en: 'Shaki' } },
  ],
};
const item = {
  questionId: 'q1',
  versionId: '00000000-0000-4000-8000-000000000001',
  section: 0,
  optionOrder: ['c', 'a', 'b'],
};
const key = (seed: string): LabelKey => ({ seed, scheme: 2 });

describe('shownItem', () => {
  it('shows the texts of the language asked for, each time, however often the version is shown', () => {
    const az = shownItem(key('s1'), item, content, 'az');
    const ru = shownItem(key('s1'), item, content, 'ru');
    const azAgain = shownItem(key('s1'), item, content, 'az');
    expect(az.text).toBe('Paytaxt hansıdır?');
    expect(ru.text).toBe('Какая столица?');
    expect(az.options.map((o) => o.text)).toEqual(['Şəki', 'Bakı', 'Gəncə']);
    expect(ru.options.map((o) => o.text)).toEqual(['Шеки', 'Баку', 'Гянджа']);
    const { labels: _, ...shown } = az;
    expect(azAgain).toMatchObject(shown);
  });

  it("labels each paper's options from its own key, never another paper's shown before it", () => {
    const first = shownItem(key('s1'), item, content, 'az');
    const second = shownItem(key('s2'), item, content, 'az');
    expect(second.options.map((o) => o.text)).toEqual(first.options.map((o) => o.text));
    for (const [i, option] of second.options.entries()) expect(option.id).not.toBe(first.options[i]!.id);
    for (const shown of [first, second])
      for (const option of shown.options) expect(['a', 'b', 'c']).not.toContain(option.id);
    expect(second.labels.authored(second.options[1]!.id)).toBe('a');
    expect(first.labels.authored(first.options[1]!.id)).toBe('a');
  });
});
