import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type QuestionDraft } from '../../core/question';
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
