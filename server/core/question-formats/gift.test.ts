import { describe, expect, it } from 'vitest';
import type { QuestionDraft } from '../question';
import { exportGift, importGift } from './gift';
import { refused } from './test-support';

// A hand-written GIFT file of the kind examiners keep, in the syntax of Moodle's GIFT documentation.
const PLAIN_GIFT = `// Informatika bölməsi, 2024
$CATEGORY: $course$/top/informatics/Say sistemləri

::inf-bin-01:: 1010 ikilik ədədi onluq say sistemində nəyə bərabərdir? {
  =10 # Düzdür
  ~8
  ~12
  ####1·8 + 0·4 + 1·2 + 0·1 = 10
}

// Multiple answers, Moodle style: weights on each right answer, wrong ones penalised.
::inf-prime::Hansılar sadə ədəddir? {~%50%2 ~%50%3 ~%-100%4 ~%-100%9}

::inf-capital::Azərbaycanın paytaxtı {=Bakı =Baku} şəhəridir.

Время в секундах\\: сколько секунд в минуте? {=60 =шестьдесят}
`;

describe('importGift', () => {
  it('reads a plain GIFT file with single, multiple, missing-word and short answers', () => {
    const shared = { subject: 'informatics', topic: 'Say sistemləri', difficulty: 'medium', tags: [] } as const;
    expect(importGift(PLAIN_GIFT)).toEqual({
      ok: true,
      drafts: [
        {
          externalId: 'inf-bin-01',
          ...shared,
          content: {
            type: 'single',
            text: { az: '1010 ikilik ədədi onluq say sistemində nəyə bərabərdir?' },
            options: [
              { id: 'a', text: { az: '10' } },
              { id: 'b', text: { az: '8' } },
              { id: 'c', text: { az: '12' } },
            ],
          },
          key: { type: 'single', correct: ['a'] },
          explanation: { az: '1·8 + 0·4 + 1·2 + 0·1 = 10' },
        },
        {
          externalId: 'inf-prime',
          ...shared,
          content: {
            type: 'multiple',
            text: { az: 'Hansılar sadə ədəddir?' },
            options: ['2', '3', '4', '9'].map((text, index) => ({ id: 'abcd'[index], text: { az: text } })),
          },
          key: { type: 'multiple', correct: ['a', 'b'], scoring: 'partial' },
          explanation: {},
        },
        {
          externalId: 'inf-capital',
          ...shared,
          content: { type: 'short', text: { az: 'Azərbaycanın paytaxtı _____ şəhəridir.' }, options: [] },
          key: { type: 'short', accepted: [{ az: 'Bakı' }, { az: 'Baku' }], match: 'normalised' },
          explanation: {},
        },
        {
          ...shared,
          content: { type: 'short', text: { az: 'Время в секундах: сколько секунд в минуте?' }, options: [] },
          key: { type: 'short', accepted: [{ az: '60' }, { az: 'шестьдесят' }], match: 'normalised' },
          explanation: {},
        },
      ],
      categories: [{ path: '$course$/top/informatics/Say sistemləri', questions: 4 }],
    });
  });

  it('is all-or-nothing: 3 good and 2 bad questions give exactly the 2 problems', () => {
    const text = `$CATEGORY: $course$/top/logic

Q1 {=a ~b}

Q2 {=a ~b}

Q3 has an unclosed brace {=a ~b

Q4 {=a ~b}

Q5 has two right answers {=a =b ~c}
`;
    const problems = refused(importGift(text));
    expect(problems.map((p) => [p.row, p.field, p.code])).toEqual([
      [3, undefined, 'syntax'],
      [5, 'key.correct', 'invalid'],
    ]);
    expect(problems[0]?.message).toMatch(/never closed.*line 7/);
  });

  it.each([
    ['a stray closing brace', 'Q } {=a ~b}', /no matching/],
    ['nested braces', 'Q {=a {~b}}', /second "\{"/],
    ['two answer blocks', 'Q {=a ~b} and {=c}', /more than one answer block/],
    ['an unclosed title', '::Q1 text {=a ~b}', /title/],
    ['text before the first answer', 'Q {a =b ~c}', /must start with/],
  ])('refuses %s as a syntax problem, without throwing', (_what, question, message) => {
    const result = importGift(`$CATEGORY: logic\n\n${question}\n`);
    expect(result).toMatchObject({ ok: false, problems: [{ row: 1, code: 'syntax' }] });
    if (!result.ok) expect(result.problems[0]?.message).toMatch(message);
  });

  it.each([
    ['true/false', 'Grass is green {T}'],
    ['numerical', 'Two plus two {#4}'],
    ['essay', 'Write about logic {}'],
    ['matching', 'Match {=a -> 1 =b -> 2}'],
    ['description', 'Just a text without answers'],
  ])('refuses %s questions as unsupported', (_what, question) => {
    const result = importGift(`$CATEGORY: logic\n\n${question}\n`);
    expect(result).toMatchObject({ ok: false, problems: [{ row: 1, field: 'content.type', code: 'unsupported' }] });
  });

  it('names the subject when a plain question has no category', () => {
    expect(importGift('What? {=this ~that}')).toMatchObject({
      ok: false,
      problems: [{ row: 1, field: 'subject', code: 'required' }],
    });
  });

  it('reports an unreadable imtahan comment', () => {
    const result = importGift('// imtahan: {"subject": logic}\nQ {=a ~b}\n');
    expect(result).toMatchObject({ ok: false, problems: [{ row: 1, code: 'syntax' }] });
  });

  it('reads an empty file as zero questions', () => {
    expect(importGift('')).toEqual({ ok: true, drafts: [] });
    expect(importGift('// only a comment\n\n')).toEqual({ ok: true, drafts: [] });
  });
});

describe('exportGift', () => {
  const sample: QuestionDraft = {
    externalId: 'leg:01',
    subject: 'legislation',
    topic: 'constitution',
    difficulty: 'hard',
    content: {
      type: 'multiple',
      text: { az: 'Hansı {doğrudur}? a=b ~ c#d', ru: 'Что верно?' },
      options: [
        { id: 'x', text: { az: '%50 endirim', ru: '%50 скидка' } },
        { id: 'y', text: { az: '[html] deyil', ru: '// не комментарий' } },
        { id: 'z', text: { az: 'üç\nsətir', ru: 'три' } },
      ],
    },
    key: { type: 'multiple', correct: ['x', 'z'], scoring: 'partial' },
    explanation: { ru: 'Только по-русски' },
    source: 'Konstitusiya, maddə 1',
    tags: ['əsas'],
  };
  const text = exportGift([sample]);

  it('escapes GIFT syntax and protects leading %, [ and //', () => {
    expect(text).toContain('::leg\\:01::Hansı \\{doğrudur\\}? a\\=b \\~ c\\#d{');
    expect(text).toContain('~%50%%50 endirim');
    expect(text).toContain('~[plain][html] deyil');
    expect(text).toContain('~%50%üç\\nsətir');
    expect(text).toContain('$CATEGORY: $course$/top/legislation/constitution');
  });

  it('keeps metadata and the other languages in a JSON comment, so the trip is lossless', () => {
    const comment = text.split('\n').find((line) => line.startsWith('// imtahan: '));
    expect(JSON.parse(comment?.slice('// imtahan: '.length) ?? 'null')).toMatchObject({
      subject: 'legislation',
      optionIds: ['x', 'y', 'z'],
      text: { ru: 'Что верно?' },
      explanation: { ru: 'Только по-русски' },
    });
    expect(importGift(text)).toEqual({ ok: true, drafts: [sample] });
  });

  it('writes a question with no Azerbaijani text in its first language', () => {
    const russian: QuestionDraft = {
      ...sample,
      content: { type: 'short', text: { ru: 'Столица?' }, options: [] },
      key: { type: 'short', accepted: [{ ru: 'Баку' }], match: 'exact' },
      explanation: {},
    };
    const out = exportGift([russian]);
    expect(out).toContain('Столица?{\n=Баку\n}');
    expect(importGift(out)).toEqual({ ok: true, drafts: [russian] });
  });
});
