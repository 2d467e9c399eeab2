/**
 * An essay (issue 18) through each format the bank exports: its prompt, asked-for length and rubric come back
 * as they left, and each file is one the format's own readers take as an essay. (round-trip.test.ts checks the
 * same for arbitrary essays among other drafts.)
 */
import { describe, expect, it } from 'vitest';
import type { QuestionDraft } from '../question';
import { exportCsv, importCsv } from './csv';
import { exportGift, importGift } from './gift';
import { exportMoodleXml, importMoodleXml } from './moodle-xml';
import { refused, singleChoiceDraft } from './test-support';

const essay: QuestionDraft = {
  externalId: 'essay-rt',
  subject: 'legislation',
  topic: 'ethics-code',
  difficulty: 'hard',
  content: {
    type: 'essay',
    text: { az: 'Maraqlar toqquşması haqqında esse yazın.', ru: 'Напишите эссе о конфликте интересов.' },
    options: [],
    expectedLength: { minWords: 200, maxWords: 350 },
  },
  key: {
    type: 'essay',
    rubric: [
      {
        id: 'law',
        title: { az: 'Hüquqi əsas', ru: 'Правовая основа' },
        maxPoints: 6,
        levels: [
          { points: 0, descriptor: { az: 'Yoxdur', ru: 'Нет' } },
          { points: 3, descriptor: { az: 'Qismən, "18-ci maddə"', ru: 'Частично; {статья 18}' } },
          { points: 6, descriptor: { az: 'Tam', ru: 'Полностью' } },
        ],
      },
      { id: 'style', title: { az: 'Üslub', ru: 'Стиль' }, maxPoints: 4, levels: [] },
    ],
  },
  explanation: { az: 'Nümunə cavab.', ru: 'Образец ответа.' },
  tags: ['esse'],
};
const { expectedLength: _length, ...unbounded } = essay.content;
const essayWithoutLength: QuestionDraft = { ...essay, externalId: 'essay-free', content: unbounded };

describe('an essay in Moodle XML', () => {
  it('is Moodle’s essay, its rubric in our own element and its length in the word limits, and comes back whole', () => {
    const xml = exportMoodleXml([essay, essayWithoutLength]);
    expect(xml.match(/<question type="essay">/g)).toHaveLength(2);
    expect(xml).toContain('<minwordlimit>200</minwordlimit>');
    expect(xml).toContain('<maxwordlimit>350</maxwordlimit>');
    expect(xml).toContain('<imtahan_rubric>');
    expect(importMoodleXml(xml)).toEqual({ ok: true, drafts: [essay, essayWithoutLength] });
  });
});

describe('an essay in GIFT', () => {
  const gift = exportGift([essay, essayWithoutLength]);

  it('is GIFT’s empty answer block, which Moodle reads as an essay, with the feedback after ####', () => {
    expect(gift).toContain('::essay-rt::Maraqlar toqquşması haqqında esse yazın.{\n####Nümunə cavab.\n}');
    // Nothing but the general feedback between the braces: no answers for Moodle to read.
    for (const block of gift.match(/\{[^}]*\}\n/g) ?? []) expect(block).toMatch(/^\{\s*(####[^}]*)?\}\n$/);
  });

  it('carries the rubric and the length in the imtahan comment, and comes back whole', () => {
    const line = gift.split('\n').find((l) => l.startsWith('// imtahan: '))!;
    const metadata = JSON.parse(line.slice('// imtahan: '.length)) as Record<string, unknown>;
    expect(metadata).toMatchObject({ type: 'essay', rubric: essay.key.type === 'essay' ? essay.key.rubric : null });
    expect(metadata.expectedLength).toEqual({ minWords: 200, maxWords: 350 });
    expect(metadata).not.toHaveProperty('optionIds');
    expect(importGift(gift)).toEqual({ ok: true, drafts: [essay, essayWithoutLength] });
  });

  it('refuses a comment whose type is not an essay over an empty answer block, and answers under an essay', () => {
    const [comment] = gift.split('\n').filter((l) => l.startsWith('// imtahan:'));
    const asSingle = comment!.replace('"type":"essay"', '"type":"single"');
    expect(refused(importGift(`${asSingle}\nEsse yazın.{}\n`)).map((p) => [p.field, p.code])).toEqual([
      ['content.type', 'invalid'],
    ]);
    expect(refused(importGift(`${comment}\nEsse yazın.{=bəli ~xeyr}\n`)).map((p) => [p.field, p.code])).toContainEqual([
      'content.type',
      'invalid',
    ]);
  });

  it('refuses a rubric that is not a list of criteria, naming the comment', () => {
    const problems = refused(
      importGift('// imtahan: {"subject":"logic","type":"essay","rubric":{"law":6}}\nEsse yazın.{}\n'),
    );
    expect(problems.map((p) => [p.row, p.code])).toEqual([[1, 'syntax']]);
    expect(problems[0]?.message).toMatch(/"rubric" must be a list of criteria/);
  });

  it('refuses a rubric on a question that is not an essay', () => {
    const problems = refused(
      importGift(
        '// imtahan: {"subject":"logic","rubric":[{"id":"x","title":{"az":"X"},"maxPoints":1,"levels":[]}]}\nQ {=a ~b}\n',
      ),
    );
    expect(problems.map((p) => [p.field, p.code])).toEqual([['content.type', 'invalid']]);
  });
});

describe('an essay in CSV', () => {
  const csv = exportCsv([essay, essayWithoutLength, singleChoiceDraft()]);
  const lines = csv.replace(/^\uFEFF/, '').split('\r\n');

  it('has its length in min_words and max_words and its rubric as JSON in one cell, and comes back whole', () => {
    expect(lines[0]!.split(',').slice(-3)).toEqual(['min_words', 'max_words', 'rubric']);
    expect(lines[1]).toContain(',essay,');
    expect(lines[1]).toContain(',200,350,"[{""id"":""law""');
    expect(importCsv(csv)).toEqual({ ok: true, drafts: [essay, essayWithoutLength, singleChoiceDraft()] });
  });

  const row = (cells: Record<string, string>, type = 'essay') => {
    const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;
    const header = ['subject', 'type', 'text_az', ...Object.keys(cells)];
    return `${header.join(',')}\n${['logic', type, 'Sual', ...Object.values(cells)].map(quote).join(',')}\n`;
  };
  const rubric = JSON.stringify([{ id: 'law', title: { az: 'Hüquq' }, maxPoints: 5, levels: [] }]);

  it.each([
    ['an essay without its rubric', { min_words: '10', max_words: '20' }, [['rubric', 'required']]],
    ['a rubric that is not JSON', { rubric: '[{id: law}]' }, [['rubric', 'syntax']]],
    ['a rubric that is not a list of criteria', { rubric: '{"law":5}' }, [['rubric', 'invalid']]],
    ['a length that is not a number', { rubric, min_words: 'sixty', max_words: '20' }, [['min_words', 'invalid']]],
    ['only one word limit', { rubric, max_words: '20' }, [['min_words', 'invalid']]],
    ['limits the wrong way round', { rubric, min_words: '30', max_words: '20' }, [['max_words', 'invalid']]],
    ['a rubric without criteria', { rubric: '[]' }, [['rubric', 'required']]],
    ['correct options under an essay', { rubric, correct: 'a' }, [['correct', 'invalid']]],
  ])('refuses %s, naming the column', (_what, cells, expected) => {
    expect(refused(importCsv(row(cells))).map((p) => [p.field, p.code])).toEqual(expected);
  });

  it('refuses essay columns on a question of another type', () => {
    const text = row({ option_1_az: 'bəli', option_2_az: 'xeyr', correct: 'a', rubric, min_words: '10' }, 'single');
    expect(refused(importCsv(text)).map((p) => [p.field, p.code])).toEqual([
      ['min_words', 'invalid'],
      ['rubric', 'invalid'],
    ]);
  });

  it('still reads a file written before the essay columns existed', () => {
    const old = exportCsv([singleChoiceDraft()])
      .split('\r\n')
      .map((line) => line.split(',').slice(0, -3).join(','))
      .join('\r\n');
    expect(old).not.toContain('rubric');
    expect(importCsv(old)).toEqual({ ok: true, drafts: [singleChoiceDraft()] });
  });
});
