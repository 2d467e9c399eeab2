import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language, type QuestionDraft } from '../../core/question';
import { exportMoodleXml, importMoodleXml } from '../../core/question-formats/index';
import { DEMO_BANK_FILES, demoDrafts } from './demo.bank';

const drafts = demoDrafts();

describe('the demo bank files', () => {
  it('hold the 193 demo questions, section by section, with unique external ids', () => {
    const bySection = Object.fromEntries(
      ['logic', 'legislation', 'informatics', 'language'].map((s) => [s, drafts.filter((d) => d.subject === s).length]),
    );
    expect(bySection).toEqual({ logic: 58, legislation: 71, informatics: 30, language: 34 });
    expect(drafts).toHaveLength(193);
    expect(new Set(drafts.map((d) => d.externalId)).size).toBe(193);
    const topics = new Set(drafts.filter((d) => d.subject === 'legislation').map((d) => d.topic));
    expect([...topics].sort()).toEqual(['anti-corruption-law', 'civil-service-law', 'constitution', 'ethics-code']);
  });

  it('carry every kind of item the bank knows, partial credit included', () => {
    const kinds = new Set(drafts.map((d) => (d.key.type === 'multiple' ? `multiple/${d.key.scoring}` : d.key.type)));
    expect([...kinds].sort()).toEqual(['multiple/all-or-nothing', 'multiple/partial', 'short', 'single']);
  });

  it('give every stem, option, explanation and accepted answer in all three languages', () => {
    const complete = (text: Partial<Record<string, string>>) => LANGUAGES.every((l) => Boolean(text[l]));
    const incomplete = (d: QuestionDraft) =>
      !complete(d.content.text) ||
      !complete(d.explanation) ||
      d.content.options.some((o) => !complete(o.text)) ||
      (d.key.type === 'short' && !d.key.accepted.every(complete));
    expect(drafts.filter(incomplete).map((d) => d.externalId)).toEqual([]);
  });

  it.each(DEMO_BANK_FILES)(
    '%s is exactly what the exporter writes for its questions (a lossless round trip)',
    (file) => {
      const xml = readFileSync(file, 'utf8');
      const read = importMoodleXml(xml);
      expect(read.ok).toBe(true);
      if (read.ok) expect(exportMoodleXml(read.drafts)).toBe(xml);
    },
  );
});

/**
 * A test-wise candidate picks the longest option. Over the single-choice items, how often that finds the key
 * (ties shared out, as a random pick among the longest would) against what a blind guess finds.
 */
function longestOptionRate(language: Language) {
  let items = 0;
  let found = 0;
  let chance = 0;
  for (const { content, key } of drafts) {
    if (key.type !== 'single') continue;
    const lengths = content.options.map((o) => [...(o.text[language] ?? '')].length);
    const longest = Math.max(...lengths);
    const keyIndex = content.options.findIndex((o) => o.id === key.correct[0]);
    items++;
    chance += 1 / lengths.length;
    if (lengths[keyIndex] === longest) found += 1 / lengths.filter((l) => l === longest).length;
  }
  return { rate: found / items, chance: chance / items };
}

describe('the demo bank does not give its keys away by length', () => {
  it.each(LANGUAGES)(
    'in %s the key is the longest option about as often as chance, and no more than 30 %',
    (language) => {
      // Measured at 0.38 (az), 0.39 (ru), 0.40 (en) against a chance of 0.25 before the worst items' distractors
      // were rewritten (2026-12); well below chance would be a cue too ("never the longest").
      const { rate, chance } = longestOptionRate(language);
      expect(rate).toBeLessThanOrEqual(0.3);
      expect(Math.abs(rate - chance)).toBeLessThan(0.05);
    },
  );
});
