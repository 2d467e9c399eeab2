import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../canonical-json';
import { ScoringInputError } from './errors';
import type { ScoringInput } from './input';
import { scoreAttempt, SCORING_VERSION, type ScoringResult } from './score';
import {
  choose,
  exam,
  multiple,
  short,
  single,
  singleSection,
  write,
  type ExamSpec,
  type ItemSpec,
} from './test-support';

const outcomes = (r: ScoringResult) => r.items.map((i) => i.outcome);
const itemPoints = (r: ScoringResult) => r.items.map((i) => i.points);
const problemsOf = (input: ScoringInput) => {
  try {
    scoreAttempt(input);
  } catch (error) {
    if (error instanceof ScoringInputError) return error.problems;
    throw error;
  }
  return [];
};

describe('DİM: 100 items (logic 30, legislation 40, informatics 15, language 15), 1 point each, no penalty', () => {
  const dim = (correct: number[], wrong: number[], passMark = 50): ExamSpec => ({
    sections: [30, 40, 15, 15].map((count, s) => singleSection(`s${s}`, count, correct[s]!, wrong[s]!)),
    passMark,
  });

  it('counts one point per correct answer and nothing for wrong or blank ones', () => {
    const result = scoreAttempt(exam(dim([25, 30, 10, 8], [3, 8, 4, 5])));
    expect(result.points).toBe(73);
    expect(result.maxPoints).toBe(100);
    expect(result.passed).toBe(true);
    expect(result.failReasons).toEqual([]);
    expect(result.scoringVersion).toBe(SCORING_VERSION);
    expect(result.sections.map((s) => [s.points, s.maxPoints, s.correct, s.wrong, s.unanswered])).toEqual([
      [25, 30, 25, 3, 2],
      [30, 40, 30, 8, 2],
      [10, 15, 10, 4, 1],
      [8, 15, 8, 5, 2],
    ]);
    expect(result.items).toHaveLength(100);
    expect(result.items.filter((i) => i.outcome === 'wrong').every((i) => i.points === 0)).toBe(true);
  });

  it('a wrong answer costs exactly what a blank one does', () => {
    const guessed = scoreAttempt(exam(dim([25, 30, 10, 8], [5, 10, 5, 7])));
    const blank = scoreAttempt(exam(dim([25, 30, 10, 8], [0, 0, 0, 0])));
    expect(guessed.points).toBe(blank.points);
  });

  it('fails below the pass mark, saying so', () => {
    const result = scoreAttempt(exam(dim([15, 20, 8, 6], [0, 0, 0, 0])));
    expect(result.points).toBe(49);
    expect(result.passed).toBe(false);
    expect(result.failReasons).toEqual([{ code: 'pass-mark', points: 49, passMark: 50 }]);
  });

  it('passes exactly at the pass mark', () => {
    expect(scoreAttempt(exam(dim([15, 20, 8, 7], [0, 0, 0, 0]))).passed).toBe(true);
  });
});

describe('Kazakhstan: 55 items in 5 acts of 11, pass at 30 correct with at least 5 on each act', () => {
  const kz = (correct: number[]): ExamSpec => ({
    sections: correct.map((c, act) => singleSection(`act${act}`, 11, c, 11 - c)),
    minCorrect: [5, 5, 5, 5, 5],
    passMark: 30,
  });

  it.each<[string, number[], boolean, ScoringResult['failReasons']]>([
    ['30 correct, 6 per act: passes', [6, 6, 6, 6, 6], true, []],
    ['exactly 5 on an act is enough', [5, 7, 6, 6, 6], true, []],
    [
      '40 correct but 4 on one act: FAILS on the section minimum',
      [4, 9, 9, 9, 9],
      false,
      [{ code: 'section-minimum', section: 0, correct: 4, minCorrect: 5 }],
    ],
    ['29 correct: fails on the pass mark', [5, 6, 6, 6, 6], false, [{ code: 'pass-mark', points: 29, passMark: 30 }]],
    [
      '20 correct, 4 per act: every reason, sections first',
      [4, 4, 4, 4, 4],
      false,
      [
        ...[0, 1, 2, 3, 4].map((section) => ({ code: 'section-minimum' as const, section, correct: 4, minCorrect: 5 })),
        { code: 'pass-mark', points: 20, passMark: 30 },
      ],
    ],
  ])('%s', (_why, correct, passed, failReasons) => {
    const result = scoreAttempt(exam(kz(correct)));
    expect(result.points).toBe(correct.reduce((a, b) => a + b, 0));
    expect(result.maxPoints).toBe(55);
    expect(result.passed).toBe(passed);
    expect(result.failReasons).toEqual(failReasons);
    expect(result.sections.map((s) => s.metMinimum)).toEqual(correct.map((c) => c >= 5));
  });

  it('an act saved by an item annulled with award-all', () => {
    const spec = kz([4, 9, 9, 9, 9]);
    const result = scoreAttempt(exam({ ...spec, annulments: [{ versionId: 'act0-11' }] }));
    expect(result.sections[0]).toMatchObject({ correct: 5, annulled: 1, wrong: 6, metMinimum: true });
    expect(result.points).toBe(41);
    expect(result.passed).toBe(true);
  });
});

describe('single choice', () => {
  it.each<[string, ItemSpec, ScoringResult['items'][number]['outcome'], number]>([
    ['the key', single('q', 'b', choose('b')), 'correct', 1],
    ['another option', single('q', 'b', choose('a')), 'wrong', -0.25],
    ['the key and another option', single('q', 'b', choose('b', 'c')), 'wrong', -0.25],
    ['the key twice', single('q', 'b', choose('b', 'b')), 'correct', 1],
    ['nothing chosen', single('q', 'b', choose()), 'unanswered', 0],
    ['no answer at all', single('q', 'b'), 'unanswered', 0],
  ])('%s', (_why, item, outcome, points) => {
    const result = scoreAttempt(exam({ sections: [[item]], scoring: { negativeMarking: 0.25 } }));
    expect(outcomes(result)).toEqual([outcome]);
    expect(result.items[0]!.points).toBe(points);
    expect(result.items[0]!.maxPoints).toBe(1);
  });
});

describe('multiple choice', () => {
  it.each<[string, string[], ScoringResult['items'][number]['outcome'], number]>([
    ['the key set', ['a', 'b', 'c'], 'correct', 2],
    ['the key set in another order', ['c', 'a', 'b'], 'correct', 2],
    ['a subset', ['a', 'b'], 'wrong', -0.5],
    ['a superset', ['a', 'b', 'c', 'd'], 'wrong', -0.5],
    ['nothing', [], 'unanswered', 0],
  ])('all-or-nothing: %s', (_why, chosen, outcome, points) => {
    const item = multiple('q', ['a', 'b', 'c'], 'all-or-nothing', choose(...chosen));
    const result = scoreAttempt(exam({ sections: [[item]], scoring: { pointsPerItem: 2, negativeMarking: 0.5 } }));
    expect(outcomes(result)).toEqual([outcome]);
    expect(result.items[0]!.points).toBe(points);
  });

  // Key {a, b, c} of five options; credit = max(0, (right − wrong) / 3) of 1 point; penalty 0.25.
  it.each<[string, string[], ScoringResult['items'][number]['outcome'], number]>([
    ['all three', ['a', 'b', 'c'], 'correct', 1],
    ['two of three', ['a', 'b'], 'partial', 0.6666],
    ['one of three', ['a'], 'partial', 0.3333],
    ['two right, one wrong', ['a', 'b', 'd'], 'partial', 0.3333],
    ['all three and one wrong', ['a', 'b', 'c', 'd'], 'partial', 0.6666],
    ['every box ticked', ['a', 'b', 'c', 'd', 'e'], 'partial', 0.3333],
    ['one right, one wrong: no credit, so wrong and penalised', ['a', 'd'], 'wrong', -0.25],
    ['one right, two wrong: still just wrong, never below the penalty', ['a', 'd', 'e'], 'wrong', -0.25],
    ['only wrong ones', ['d', 'e'], 'wrong', -0.25],
    ['a repeated option counts once', ['a', 'a', 'b'], 'partial', 0.6666],
    ['nothing', [], 'unanswered', 0],
  ])('partial credit: %s', (_why, chosen, outcome, points) => {
    const item = multiple('q', ['a', 'b', 'c'], 'partial', choose(...chosen));
    const result = scoreAttempt(exam({ sections: [[item]], scoring: { negativeMarking: 0.25 } }));
    expect(outcomes(result)).toEqual([outcome]);
    expect(result.items[0]!.points).toBe(points);
    expect(result.sections[0]!.partial).toBe(outcome === 'partial' ? 1 : 0);
  });

  it('partial items lose nothing and do not count toward the section minimum', () => {
    const items = [multiple('p1', ['a', 'b'], 'partial', choose('a')), single('s1', 'a', choose('a'))];
    const result = scoreAttempt(exam({ sections: [items], minCorrect: [2], scoring: { negativeMarking: 1 } }));
    expect(itemPoints(result)).toEqual([0.5, 1]);
    expect(result.sections[0]).toMatchObject({ correct: 1, partial: 1, wrong: 0, points: 1.5, metMinimum: false });
  });

  it('sums thirds exactly: three thirds make one point, not 0.9999', () => {
    const third = (id: string) => multiple(id, ['a', 'b', 'c'], 'partial', choose('a'));
    const result = scoreAttempt(exam({ sections: [[third('x'), third('y'), third('z')]], passMark: 1 }));
    expect(itemPoints(result)).toEqual([0.3333, 0.3333, 0.3333]);
    expect(result.points).toBe(1);
    expect(result.passed).toBe(true);
  });
});

describe('short answers', () => {
  const capital = [{ az: 'Bakı', ru: 'Баку', en: 'Baku' }];
  const tree = [{ az: 'Küknar', ru: 'Ёлка', en: 'Fir' }];
  const independence = [{ az: 'İstiqlal', ru: 'Независимость', en: 'Independence' }];

  it.each<[string, ItemSpec, 'az' | 'ru' | 'en', ScoringResult['items'][number]['outcome']]>([
    ['az: "BAKI" is bakı (dotless I)', short('q', capital, write('BAKI')), 'az', 'correct'],
    ['az: "BAKİ" is baki, another word', short('q', capital, write('BAKİ')), 'az', 'wrong'],
    ['az: "baki" misses the dotless ı', short('q', capital, write('baki')), 'az', 'wrong'],
    ['az: "İSTİQLAL" and "istiqlal"', short('q', independence, write('istiqlal')), 'az', 'correct'],
    ['az: "ISTIQLAL" is ıstıqlal, not istiqlal', short('q', independence, write('ISTIQLAL')), 'az', 'wrong'],
    ['ru: "елка" for "Ёлка"', short('q', tree, write('елка')), 'ru', 'correct'],
    ['ru: "ЁЛКА" for "Ёлка"', short('q', tree, write('ЁЛКА')), 'ru', 'correct'],
    ['extra spaces and a full stop', short('q', capital, write('   Baku .  ')), 'en', 'correct'],
    ['inner spaces collapse', short('q', [{ en: 'New York' }], write('new    york')), 'en', 'correct'],
    ["another language's answer is not accepted", short('q', capital, write('Баку')), 'az', 'wrong'],
    ['exact: case counts', short('q', [{ en: 'NaCl' }], write('nacl'), 'exact'), 'en', 'wrong'],
    ['exact: surrounding spaces do not', short('q', [{ en: 'NaCl' }], write(' NaCl '), 'exact'), 'en', 'correct'],
    ['blank text is unanswered', short('q', capital, write('  \n ')), 'en', 'unanswered'],
  ])('%s', (_why, item, language, outcome) => {
    const result = scoreAttempt(exam({ sections: [[item]], language, scoring: { negativeMarking: 0.5 } }));
    expect(outcomes(result)).toEqual([outcome]);
    expect(result.items[0]!.points).toBe({ correct: 1, wrong: -0.5, unanswered: 0 }[outcome as string]);
  });
});

describe('negative marking', () => {
  it('6 right, 3 wrong, 1 blank at 0.25 per wrong answer: 5.25', () => {
    const result = scoreAttempt(exam({ sections: [singleSection('s', 10, 6, 3)], scoring: { negativeMarking: 0.25 } }));
    expect(result.points).toBe(5.25);
    expect(result.sections[0]).toMatchObject({ correct: 6, wrong: 3, unanswered: 1, points: 5.25, maxPoints: 10 });
  });

  it('a section may go below 0, the total may not', () => {
    const result = scoreAttempt(
      exam({ sections: [singleSection('a', 4, 0, 4), singleSection('b', 4, 2, 0)], scoring: { negativeMarking: 1 } }),
    );
    expect(result.sections.map((s) => s.points)).toEqual([-4, 2]);
    expect(result.points).toBe(0);
    expect(result.maxPoints).toBe(8);
  });

  it('the total is the sum of the sections when that is not negative', () => {
    const result = scoreAttempt(
      exam({ sections: [singleSection('a', 4, 0, 4), singleSection('b', 4, 4, 0)], scoring: { negativeMarking: 0.5 } }),
    );
    expect(result.sections.map((s) => s.points)).toEqual([-2, 4]);
    expect(result.points).toBe(2);
  });

  it('rounds down, also below zero: −2/3 is reported as −0.6667', () => {
    const items = [multiple('p', ['a', 'b', 'c'], 'partial', choose('a')), single('w', 'a', choose('b'))];
    const result = scoreAttempt(exam({ sections: [items], scoring: { negativeMarking: 1 } }));
    expect(itemPoints(result)).toEqual([0.3333, -1]);
    expect(result.sections[0]!.points).toBe(-0.6667);
    expect(result.points).toBe(0);
  });
});

describe('exact decimals', () => {
  it('0.1 points three times is 0.3, and reaches a pass mark of 0.3', () => {
    const result = scoreAttempt(
      exam({ sections: [singleSection('s', 3, 3)], scoring: { pointsPerItem: 0.1 }, passMark: 0.3 }),
    );
    expect(0.1 + 0.1 + 0.1).not.toBe(0.3); // what floating point would have given
    expect(result.points).toBe(0.3);
    expect(result.maxPoints).toBe(0.3);
    expect(result.passed).toBe(true);
  });

  it('0.3 points with 0.1 off per wrong answer', () => {
    const result = scoreAttempt(
      exam({ sections: [singleSection('s', 10, 7, 3)], scoring: { pointsPerItem: 0.3, negativeMarking: 0.1 } }),
    );
    expect(result.points).toBe(1.8);
  });

  it('the pass verdict uses the exact total, and the shown total agrees with it', () => {
    const items = [
      ...singleSection('s', 29, 29),
      multiple('p1', ['a', 'b', 'c'], 'partial', choose('a', 'b')),
      multiple('p2', ['a', 'b', 'c'], 'partial', choose('a')),
    ];
    const result = scoreAttempt(exam({ sections: [items], passMark: 30 }));
    expect(result.points).toBe(30);
    expect(result.passed).toBe(true);
    // 29 + 2/3 = 29.666…: shown rounded down, so it is visibly below a pass mark of 29.6667.
    const below = scoreAttempt(exam({ sections: [items.slice(0, 30)], passMark: 29.6667 }));
    expect(below.points).toBe(29.6666);
    expect(below.passed).toBe(false);
    expect(scoreAttempt(exam({ sections: [items.slice(0, 30)], passMark: 29.6666 })).passed).toBe(true);
  });
});

describe('annulled items', () => {
  const spec = (annulled: 'award-all' | 'remove', answer?: ReturnType<typeof choose>): ExamSpec => ({
    sections: [[single('x', 'a', answer), ...singleSection('s', 4, 3, 1)]],
    scoring: { annulled, negativeMarking: 0.25 },
    minCorrect: [4],
    annulments: [{ versionId: 'x' }],
  });

  it.each([choose('a'), choose('b'), undefined])(
    'award-all gives everyone full points and a correct answer (%j)',
    (answer) => {
      const result = scoreAttempt(exam(spec('award-all', answer)));
      expect(result.items[0]).toEqual({ versionId: 'x', section: 0, outcome: 'annulled', points: 1, maxPoints: 1 });
      expect(result.sections[0]).toMatchObject({ correct: 4, annulled: 1, wrong: 1, minCorrect: 4, metMinimum: true });
      expect(result.points).toBe(3.75);
      expect(result.maxPoints).toBe(5);
    },
  );

  it.each([choose('a'), choose('b'), undefined])('remove takes it out of the points and the maximum (%j)', (answer) => {
    const result = scoreAttempt(exam(spec('remove', answer)));
    expect(result.items[0]).toEqual({ versionId: 'x', section: 0, outcome: 'annulled', points: 0, maxPoints: 0 });
    expect(result.sections[0]).toMatchObject({
      correct: 3,
      annulled: 1,
      maxPoints: 4,
      minCorrect: 4,
      metMinimum: false,
    });
    expect(result.points).toBe(2.75);
    expect(result.maxPoints).toBe(4);
  });

  it('an annulment may override the blueprint mode', () => {
    const input = exam({ ...spec('award-all', choose('b')), annulments: [{ versionId: 'x', mode: 'remove' }] });
    expect(scoreAttempt(input).items[0]!.maxPoints).toBe(0);
  });

  it('remove lowers the minimum only when too few items are left to reach it', () => {
    const fewer = exam({
      sections: [singleSection('s', 5, 4, 1)],
      minCorrect: [5],
      annulments: [{ versionId: 's-5', mode: 'remove' }],
    });
    expect(scoreAttempt(fewer).sections[0]).toMatchObject({ correct: 4, minCorrect: 4, metMinimum: true });
    const enough = exam({
      sections: [singleSection('s', 11, 4, 7)],
      minCorrect: [5],
      annulments: [{ versionId: 's-11', mode: 'remove' }],
    });
    expect(scoreAttempt(enough).sections[0]).toMatchObject({ correct: 4, minCorrect: 5, metMinimum: false });
  });

  it('annulments of items not on this paper change nothing, not even the digest', () => {
    const base = exam(spec('award-all', choose('b')));
    const other = { ...base, annulments: [...base.annulments, { versionId: 'elsewhere', mode: 'remove' as const }] };
    expect(scoreAttempt(other)).toEqual(scoreAttempt(base));
  });

  it('repeating an annulment changes nothing; contradicting it is an error', () => {
    const base = exam(spec('award-all', choose('b')));
    const repeated = { ...base, annulments: [{ versionId: 'x' }, { versionId: 'x', mode: 'award-all' as const }] };
    expect(scoreAttempt(repeated)).toEqual(scoreAttempt(base));
    const contradicted = { ...base, annulments: [{ versionId: 'x' }, { versionId: 'x', mode: 'remove' as const }] };
    expect(problemsOf(contradicted)).toEqual([
      { path: 'annulments[1]', message: '"x" is annulled both as award-all and as remove' },
    ]);
  });

  it('every item removed: 0 of 0, and a positive pass mark is missed', () => {
    const input = exam({
      sections: [singleSection('s', 2, 2)],
      passMark: 1,
      scoring: { annulled: 'remove' },
      annulments: [{ versionId: 's-1' }, { versionId: 's-2' }],
    });
    const result = scoreAttempt(input);
    expect([result.points, result.maxPoints, result.passed]).toEqual([0, 0, false]);
  });
});

describe('result shape', () => {
  it('lists items in paper order and sections in blueprint order, whatever order the paper lists sections in', () => {
    const input = exam({
      sections: [[single('a1', 'a', choose('a'))], [single('b1', 'a', choose('b')), single('b2', 'a')]],
    });
    const reversed = { ...input, paper: { ...input.paper, sections: [...input.paper.sections].reverse() } };
    const result = scoreAttempt(reversed);
    expect(result.items.map((i) => [i.versionId, i.section])).toEqual([
      ['b1', 1],
      ['b2', 1],
      ['a1', 0],
    ]);
    expect(result.sections.map((s) => s.index)).toEqual([0, 1]);
  });

  it('reports a blueprint section the paper has no items for, with its minimum', () => {
    const input = exam({ sections: [singleSection('s', 2, 2)], minCorrect: [0] });
    const withEmpty: ScoringInput = {
      ...input,
      blueprint: {
        ...input.blueprint,
        sections: [...input.blueprint.sections, { ...input.blueprint.sections[0]!, minCorrect: 1 }],
      },
    };
    const result = scoreAttempt(withEmpty);
    expect(result.sections[1]).toMatchObject({ index: 1, correct: 0, maxPoints: 0, minCorrect: 0, metMinimum: true });
  });

  it('is JSON: it survives a round trip unchanged', () => {
    const result = scoreAttempt(exam({ sections: [singleSection('s', 5, 2, 2)], scoring: { negativeMarking: 0.25 } }));
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(Object.is(result.points, -0)).toBe(false);
  });
});

/**
 * The digest of the first inputDigest example, pinned. If it changes, results stored under this
 * SCORING_VERSION can no longer be reproduced: bump the version instead of updating this value.
 */
const GOLDEN_DIGEST = '8b78a1d92c88ed2bf211211fa86c97ab96bbfc1f61cb4a6e9fd6c081732be96c';

describe('inputDigest', () => {
  it('is the SHA-256 of the canonical JSON of the normal form', () => {
    const input = exam({
      sections: [
        [single('v1', 'b', choose('b')), multiple('v2', ['c', 'a'], 'partial', choose('c', 'a', 'c'))],
        [short('v3', [{ az: 'Bakı', ru: 'Баку' }], write(' BAKI '))],
      ],
      minCorrect: [1, 0],
      passMark: 2,
      scoring: { negativeMarking: 0.25 },
      annulments: [{ versionId: 'v3' }, { versionId: 'v1', mode: 'remove' }, { versionId: 'nowhere' }],
    });
    const normalForm = {
      scoringVersion: SCORING_VERSION,
      paper: [
        { questionId: 'q-v1', versionId: 'v1', section: 0, optionOrder: ['a', 'b', 'c', 'd'] },
        { questionId: 'q-v2', versionId: 'v2', section: 0, optionOrder: ['a', 'b', 'c', 'd', 'e'] },
        { questionId: 'q-v3', versionId: 'v3', section: 1, optionOrder: [] },
      ],
      answers: {
        v1: { kind: 'choice', optionIds: ['b'] },
        v2: { kind: 'choice', optionIds: ['a', 'c'] },
        v3: { kind: 'text', text: ' BAKI ' },
      },
      keys: {
        v1: { type: 'single', correct: ['b'] },
        v2: { type: 'multiple', correct: ['a', 'c'], scoring: 'partial' },
        v3: { type: 'short', match: 'normalised', accepted: ['Bakı'] },
      },
      blueprint: {
        language: 'az',
        passMark: 2,
        scoring: { pointsPerItem: 1, negativeMarking: 0.25, annulled: 'award-all' },
        sections: [{ minCorrect: 1 }, { minCorrect: 0 }],
      },
      annulments: [
        { versionId: 'v1', mode: 'remove' },
        { versionId: 'v3', mode: 'award-all' },
      ],
    };
    const expected = createHash('sha256').update(canonicalJson(normalForm)).digest('hex');
    expect(scoreAttempt(input).inputDigest).toBe(expected);
    expect(expected).toBe(GOLDEN_DIGEST);
  });

  it('ignores what cannot change the result: the seed, other items, blank answers, other languages, titles', () => {
    const input = exam({
      sections: [[single('v1', 'a', choose('a')), short('v2', [{ az: 'Bakı', en: 'Baku' }]), single('v3', 'a')]],
    });
    const digest = scoreAttempt(input).inputDigest;
    const variants: ScoringInput[] = [
      { ...input, paper: { ...input.paper, seed: 'another seed' } },
      { ...input, answers: { ...input.answers, elsewhere: choose('a'), v3: choose() } },
      { ...input, answers: { ...input.answers, v2: write('   ') } },
      {
        ...input,
        keys: {
          ...input.keys,
          elsewhere: { type: 'single', correct: ['a'] },
          v2: { type: 'short', match: 'normalised', accepted: [{ az: 'Bakı', en: 'Paris' }] },
        },
      },
      {
        ...input,
        blueprint: {
          ...input.blueprint,
          sections: input.blueprint.sections.map((s) => ({ ...s, title: { en: 'Renamed' }, count: 99 })),
        },
      },
      {
        ...input,
        answers: Object.fromEntries(Object.entries(input.answers).reverse()),
        keys: Object.fromEntries(Object.entries(input.keys).reverse()),
      },
      { ...input, annulments: [{ versionId: 'elsewhere' }] },
    ];
    for (const variant of variants) expect(scoreAttempt(variant).inputDigest).toBe(digest);
  });
});

describe('inputs that cannot be scored', () => {
  const base = () =>
    exam({ sections: [[single('v1', 'a', choose('a')), short('v2', [{ az: 'Bakı' }], write('Bakı'))]] });

  it.each<[string, (input: ScoringInput) => ScoringInput, { path: string; message: string }[]]>([
    [
      'a missing key',
      (i) => ({ ...i, keys: { v2: i.keys.v2! } }),
      [{ path: 'keys["v1"]', message: 'the paper carries this item but no key is given for it' }],
    ],
    [
      'an answer naming an option the item lacks',
      (i) => ({ ...i, answers: { ...i.answers, v1: choose('a', 'z') } }),
      [{ path: 'answers["v1"].optionIds', message: 'option "z" is not among the item\'s options' }],
    ],
    [
      'a text answer to a choice item',
      (i) => ({ ...i, answers: { ...i.answers, v1: write('a') } }),
      [{ path: 'answers["v1"].kind', message: 'a single item takes a choice answer, not text' }],
    ],
    [
      'a choice answer to a short item',
      (i) => ({ ...i, answers: { ...i.answers, v2: choose('a') } }),
      [{ path: 'answers["v2"].kind', message: 'a short item takes a text answer, not choice' }],
    ],
    [
      'a key naming an option the item lacks',
      (i) => ({ ...i, keys: { ...i.keys, v1: { type: 'single', correct: ['z'] } } }),
      [{ path: 'keys["v1"].correct', message: 'option "z" is not among the item\'s options' }],
    ],
    [
      'a multiple-choice key with no correct option',
      (i) => ({ ...i, keys: { ...i.keys, v1: { type: 'multiple', correct: [], scoring: 'partial' } } }),
      [{ path: 'keys["v1"].correct', message: 'must name at least one option' }],
    ],
    [
      'a multiple-choice key naming an option twice',
      (i) => ({ ...i, keys: { ...i.keys, v1: { type: 'multiple', correct: ['a', 'a'], scoring: 'partial' } } }),
      [{ path: 'keys["v1"].correct', message: 'names an option twice' }],
    ],
    [
      'a short key with no answer in the exam language',
      (i) => ({
        ...i,
        keys: { ...i.keys, v2: { type: 'short', accepted: [{ ru: 'Баку' }, { az: ' ' }], match: 'normalised' } },
      }),
      [{ path: 'keys["v2"].accepted', message: 'has no accepted answer in the exam language (az)' }],
    ],
    [
      'a version on the paper twice',
      (i) => ({
        ...i,
        paper: {
          ...i.paper,
          sections: [{ index: 0, items: [...i.paper.sections[0]!.items, i.paper.sections[0]!.items[0]!] }],
        },
      }),
      [{ path: 'paper.sections[0].items[2].versionId', message: '"v1" is on the paper twice' }],
    ],
    [
      'a paper section the blueprint lacks',
      (i) => ({ ...i, paper: { ...i.paper, sections: [{ ...i.paper.sections[0]!, index: 3 }] } }),
      [
        { path: 'paper.sections[0].index', message: 'the blueprint has no section 3' },
        { path: 'paper.sections[0].items[0].section', message: 'is 0, in section 3' },
        { path: 'paper.sections[0].items[1].section', message: 'is 0, in section 3' },
      ],
    ],
    [
      'rules out of range',
      (i) => ({
        ...i,
        blueprint: {
          ...i.blueprint,
          passMark: -1,
          scoring: { pointsPerItem: 0, negativeMarking: Number.NaN, annulled: 'award-all' },
        },
      }),
      [
        { path: 'blueprint.scoring.pointsPerItem', message: 'must be a number greater than 0' },
        { path: 'blueprint.scoring.negativeMarking', message: 'must be a number, 0 or more' },
        { path: 'blueprint.passMark', message: 'must be a number, 0 or more' },
      ],
    ],
    [
      'a fractional section minimum',
      (i) => ({ ...i, blueprint: { ...i.blueprint, sections: [{ ...i.blueprint.sections[0]!, minCorrect: 1.5 }] } }),
      [{ path: 'blueprint.sections[0].minCorrect', message: 'must be a whole number, 0 or more' }],
    ],
    [
      'text that is not valid Unicode',
      (i) => ({ ...i, answers: { ...i.answers, v2: write('Bak\uD800') } }),
      [{ path: 'answers["v2"].text', message: 'is not valid Unicode (a lone surrogate)' }],
    ],
  ])('%s', (_why, change, problems) => {
    expect(problemsOf(change(base()))).toEqual(problems);
  });

  it('accepts a blank answer of the other kind as unanswered', () => {
    const input = base();
    const result = scoreAttempt({ ...input, answers: { v1: write(' '), v2: choose() } });
    expect(outcomes(result)).toEqual(['unanswered', 'unanswered']);
  });

  it('looks answers and keys up as own properties only: a version called "constructor" has no key', () => {
    const input = exam({ sections: [[single('constructor', 'a', choose('a'))]] });
    expect(problemsOf({ ...input, keys: {} })).toEqual([
      { path: 'keys["constructor"]', message: 'the paper carries this item but no key is given for it' },
    ]);
    const proto = exam({ sections: [[single('__proto__', 'a', choose('a'))]] });
    expect(scoreAttempt(proto).points).toBe(1);
  });
});
