/**
 * Files in Moodle's own formats, written for this project the way Moodle 4 writes them (comments with the question
 * id and name, `// [id:] [tag:]`, escaped multilang spans, `<lang>`, entities, sub/superscripts, embedded files),
 * each read and compared field by field with what the bank must hold.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportGift, importGift } from '../../core/question-formats/gift';
import { exportMoodleXml, importMoodleXml } from '../../core/question-formats/moodle-xml';
import { refused } from '../../core/question-formats/test-support';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('a Moodle GIFT export with multilang, metadata, markup and a catch-all', () => {
  const result = importGift(fixture('moodle-multilang.gift'));
  const drafts = result.ok ? result.drafts : [];

  it('is accepted whole, and names the category its questions were filed by', () => {
    expect(result.ok ? [] : result.problems).toEqual([]);
    expect(drafts).toHaveLength(5);
    expect(result.categories).toEqual([{ path: '$course$/top/Riyaziyyat/Cüt ədədlər', questions: 5 }]);
  });

  it('splits escaped multilang spans into three languages, in the stem, the options and the feedback', () => {
    const [even] = drafts;
    expect(even?.content.text).toEqual({
      az: 'Hansı ədəd cütdür?',
      ru: 'Какое число чётное?',
      en: 'Which number is even?',
    });
    expect(even?.content.options).toEqual([
      { id: 'a', text: { az: 'iki', ru: 'два', en: 'two' } },
      { id: 'b', text: { az: 'üç', ru: 'три', en: 'three' } },
    ]);
    expect(even?.key).toEqual({ type: 'single', correct: ['a'] });
    expect(even?.explanation).toEqual({
      az: '2 ikiyə bölünür.',
      ru: '2 делится на два.',
      en: '2 is divisible by two.',
    });
  });

  it('maps // [id:] to the external id and [tag:] to tags; the title is the external id without one', () => {
    expect(drafts.map((draft) => draft.externalId)).toEqual(['mat-even-01', 'Su', 'mat-prime-02', 'Paytaxt', 'Kod']);
    expect(drafts[0]?.tags).toEqual(['ədədlər', 'asan']);
    expect(drafts[1]?.tags).toEqual([]);
  });

  it('keeps sub/superscripts and decodes named entities', () => {
    expect(drafts[1]?.content.text).toEqual({
      az: 'Suyun formulu H₂O, sahə m² ilə ölçülür. Hansı yazılış düzdür’?',
    });
    expect(drafts[1]?.content.options.map((option) => option.text.az)).toEqual(['H₂O & m²', 'H2O × m2 ≤ 1']);
  });

  it('reads ~%100% ~%-50% ~%-50% as multiple response, as Moodle does', () => {
    expect(drafts[2]?.key).toEqual({ type: 'multiple', correct: ['a'], scoring: 'partial' });
  });

  it("accepts Moodle's 0 % catch-all short answer, accepting nothing by it", () => {
    expect(drafts[3]?.key).toEqual({
      type: 'short',
      accepted: [{ az: 'Bakı' }, { az: 'Baku' }],
      match: 'normalised',
    });
  });

  it('keeps the line breaks and indentation of preformatted code, and writes them back in <pre>', () => {
    expect(drafts[4]?.content.text.az).toBe('Nə çap olunur?\nfor i in range(2):\n    print(i)');
    const again = importGift(exportGift(drafts));
    expect(again).toEqual({ ok: true, drafts });
    const xml = exportMoodleXml(drafts);
    expect(xml).toContain('<pre>Nə çap olunur?\nfor i in range(2):\n    print(i)</pre>');
    expect(importMoodleXml(xml)).toEqual({ ok: true, drafts });
  });

  it('never double-escapes a decoded entity on export', () => {
    const xml = exportMoodleXml(drafts);
    expect(xml).toContain('H₂O &amp; m²');
    expect(xml).not.toContain('&amp;amp;');
    expect(xml).not.toContain('&amp;rsquo;');
  });

  it('puts unmarked text in the language the importer chooses', () => {
    const russian = importGift(fixture('moodle-multilang.gift'), undefined, { language: 'ru' });
    expect(russian.ok && russian.drafts[3]?.content.text).toEqual({ ru: 'Azərbaycanın paytaxtı hansı şəhərdir?' });
    expect(russian.ok && russian.drafts[3]?.key).toMatchObject({ accepted: [{ ru: 'Bakı' }, { ru: 'Baku' }] });
    // Marked text keeps its own languages whatever the choice.
    expect(russian.ok && russian.drafts[0]?.content.text.az).toBe('Hansı ədəd cütdür?');
  });
});

describe('a GIFT file with what the bank cannot keep', () => {
  it('refuses each such question by row with the reason, and only those', () => {
    const problems = refused(importGift(fixture('moodle-refusals.gift')));
    expect(problems.map((p) => [p.row, p.field, p.code])).toEqual([
      [1, 'content.text', 'unsupported'],
      [2, 'content.text', 'unsupported'],
      [3, 'content.text', 'unsupported'],
      [4, 'content.text', 'unsupported'],
      [5, 'content.text', 'unsupported'],
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('@@PLUGINFILE@@/sual 1.mp3'),
      expect.stringContaining('an image'),
      expect.stringContaining('a formula (TeX)'),
      expect.stringContaining('a table'),
      expect.stringContaining('subscript "bc"'),
    ]);
  });
});

describe('a Moodle 4 XML export with <lang>, moodle_auto_format, entities and an embedded file', () => {
  const xml = fixture('moodle-4.xml');
  const withoutMedia = xml.replace(/<!-- question: 3104 {2}-->[\s\S]*?<\/question>/, '');

  it('refuses the question carrying an audio file, naming the file, and nothing else', () => {
    const problems = refused(importMoodleXml(xml));
    expect(problems.map((p) => [p.row, p.field, p.code])).toEqual([[4, 'content.text', 'unsupported']]);
    expect(problems[0]?.message).toContain('qeyd.mp3');
  });

  it('reads every other question field by field', () => {
    const result = importMoodleXml(withoutMedia);
    const filed = { subject: 'Default for Hüquq', topic: 'Konstitusiya', difficulty: 'medium' } as const;
    expect(result).toEqual({
      ok: true,
      categories: [{ path: '$course$/top/Default for Hüquq/Konstitusiya', questions: 3 }],
      drafts: [
        {
          // <idnumber> is empty: the name is kept as the external id.
          externalId: 'Konst-maddə-1',
          ...filed,
          content: {
            type: 'single',
            text: {
              az: 'Azərbaycan Respublikasında hakimiyyətin yeganə mənbəyi kimdir?',
              ru: 'Кто является единственным источником власти в Азербайджанской Республике?',
              en: 'Who is the sole source of power in the Republic of Azerbaijan?',
            },
            options: [
              { id: 'a', text: { az: 'xalq', ru: 'народ', en: 'the people' } },
              { id: 'b', text: { az: 'parlament', ru: 'парламент', en: 'parliament' } },
            ],
          },
          key: { type: 'single', correct: ['a'] },
          explanation: {
            az: 'Konstitusiyanın 1-ci maddəsi.',
            ru: 'Статья 1 Конституции.',
            en: 'Article 1 of the Constitution.',
          },
          tags: ['konstitusiya'],
        },
        {
          externalId: 'fiz-vahid-07',
          ...filed,
          content: {
            type: 'multiple',
            text: {
              az: 'Sahə vahidi m², həcm vahidi m³.\nHansı ifadə düzdür… «sürət» – km/saat × 1?',
            },
            options: [
              { id: 'a', text: { az: '10⁻³ m³ = 1 litr' } },
              { id: 'b', text: { az: '1 m² = 10 sm²' } },
              { id: 'c', text: { az: 'CO₂ bərk maddədir' } },
            ],
          },
          key: { type: 'multiple', correct: ['a'], scoring: 'partial' },
          explanation: {},
          tags: [],
        },
        {
          externalId: 'geo-baku',
          ...filed,
          content: { type: 'short', text: { az: 'Какой город является столицей Азербайджана?' }, options: [] },
          key: { type: 'short', accepted: [{ az: 'Баку' }], match: 'normalised' },
          explanation: {},
          tags: [],
        },
      ],
    });
  });

  it('files questions by the importer’s category mapping, and reads unmarked text in its chosen language', () => {
    const result = importMoodleXml(withoutMedia, undefined, {
      language: 'ru',
      category: (path) => (path.endsWith('/Konstitusiya') ? { subject: 'legislation', topic: 'constitution' } : {}),
    });
    expect(result.ok && result.drafts.map((d) => [d.subject, d.topic])).toEqual([
      ['legislation', 'constitution'],
      ['legislation', 'constitution'],
      ['legislation', 'constitution'],
    ]);
    expect(result.ok && result.drafts[2]?.content.text).toEqual({ ru: 'Какой город является столицей Азербайджана?' });
    expect(result.ok && result.drafts[2]?.key).toMatchObject({ accepted: [{ ru: 'Баку' }] });
  });
});

describe('Moodle essays', () => {
  const xml = fixture('moodle-essay.xml');
  const plainOnly = xml.replace(/<!-- question: 4102 {2}-->[\s\S]*?<\/question>/, '');

  it('reads a plain Moodle essay: the prompt, the word limits, and one criterion described by the grader information', () => {
    const result = importMoodleXml(plainOnly, undefined, {
      category: () => ({ subject: 'legislation', topic: 'ethics-code' }),
    });
    expect(result.ok ? [] : result.problems).toEqual([]);
    expect(result.ok && result.drafts[0]).toEqual({
      externalId: 'etika-esse-01',
      subject: 'legislation',
      topic: 'ethics-code',
      difficulty: 'medium',
      content: {
        type: 'essay',
        text: { az: 'Dövlət qulluqçusunun maraqlar toqquşması vəziyyətində necə davranmalı olduğunu izah edin.' },
        options: [],
        expectedLength: { minWords: 150, maxWords: 400 },
      },
      key: {
        type: 'essay',
        rubric: [
          {
            id: 'overall',
            title: { az: 'Ümumi qiymət' },
            maxPoints: 10,
            levels: [
              {
                points: 10,
                descriptor: { az: 'Qanunun 18-ci maddəsinə istinad: 4 bal; nümunə: 3 bal; aydınlıq: 3 bal.' },
              },
            ],
          },
        ],
      },
      explanation: {},
      tags: [],
    });
  });

  it('refuses an essay answered by attachment only, with the reasons', () => {
    const problems = refused(importMoodleXml(xml, undefined, { category: () => ({ subject: 'legislation' }) }));
    expect(problems.map((p) => [p.row, p.field, p.code])).toEqual([
      [2, 'content.type', 'unsupported'],
      [2, 'content.type', 'unsupported'],
    ]);
    expect(problems.map((p) => p.message).join(' ')).toMatch(/attached files.*typed text/);
  });

  it('round-trips an essay with its rubric and length through the bank’s Moodle XML, which Moodle can read', () => {
    const essay = {
      externalId: 'essay-rt',
      subject: 'legislation',
      difficulty: 'hard' as const,
      content: {
        type: 'essay' as const,
        text: { az: 'Esse yazın.', ru: 'Напишите эссе.' },
        options: [],
        expectedLength: { minWords: 200, maxWords: 350 },
      },
      key: {
        type: 'essay' as const,
        rubric: [
          {
            id: 'law',
            title: { az: 'Hüquqi əsas', ru: 'Правовая основа' },
            maxPoints: 6,
            levels: [
              { points: 3, descriptor: { az: 'Qismən', ru: 'Частично' } },
              { points: 6, descriptor: { az: 'Tam', ru: 'Полностью' } },
            ],
          },
          { id: 'style', title: { az: 'Üslub', ru: 'Стиль' }, maxPoints: 4, levels: [] },
        ],
      },
      explanation: { az: 'Nümunə cavab.', ru: 'Образец ответа.' },
      tags: ['esse'],
    };
    const xmlOut = exportMoodleXml([essay]);
    expect(xmlOut).toContain('<question type="essay">');
    expect(xmlOut).toContain('<defaultgrade>10</defaultgrade>');
    expect(xmlOut).toContain('<minwordlimit>200</minwordlimit>');
    expect(xmlOut).toContain('<responsefieldlines>35</responsefieldlines>');
    expect(xmlOut).toMatch(
      /<graderinfo format="html">\s*<text><!\[CDATA\[<span lang="az" class="multilang">Hüquqi əsas \(6\)/,
    );
    expect(importMoodleXml(xmlOut)).toEqual({ ok: true, drafts: [essay] });
  });

  it('refuses a plain GIFT essay, which has no rubric, rather than making one up', () => {
    const problems = refused(importGift('$CATEGORY: $course$/top/logic\n\n::e1::Esse yazın.{}\n'));
    expect(problems.map((p) => [p.row, p.field, p.code])).toEqual([[1, 'content.type', 'unsupported']]);
    expect(problems[0]?.message).toMatch(/Moodle XML/);
  });
});
