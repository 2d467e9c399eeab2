import { describe, expect, it } from 'vitest';
import type { Blueprint } from '../blueprint';
import { blueprintProblems, selectionProblems } from './validate';
import { blueprint, section } from './test-support';

const valid = (): Blueprint =>
  blueprint(
    [
      section({ subject: 'logic', count: 30, minCorrect: 0 }),
      section({ subject: 'law', count: 40, difficultyMix: { easy: 10, medium: 20, hard: 10 }, minCorrect: 5 }),
    ],
    { durationMinutes: 180, passMark: 70 },
  );

describe('blueprintProblems', () => {
  it('finds nothing wrong with a well-formed blueprint', () => {
    expect(blueprintProblems(valid())).toEqual([]);
  });

  it('accepts the edges of every range', () => {
    const bp = valid();
    bp.durationMinutes = 600;
    bp.passMark = 70;
    bp.scoring.negativeMarking = 0;
    bp.sections[0]!.minCorrect = 30;
    bp.sections[1]!.difficultyMix = { easy: 40, medium: 0 };
    expect(blueprintProblems(bp)).toEqual([]);
    bp.durationMinutes = 1;
    bp.passMark = 0;
    expect(blueprintProblems(bp)).toEqual([]);
  });

  const cases: { name: string; change: (bp: Blueprint) => void; path: string; code: string }[] = [
    { name: 'no sections', change: (bp) => (bp.sections = []), path: 'sections', code: 'no-sections' },
    {
      name: 'a count of 0',
      change: (bp) => (bp.sections[0]!.count = 0),
      path: 'sections.0.count',
      code: 'out-of-range',
    },
    {
      name: 'a fractional count',
      change: (bp) => (bp.sections[0]!.count = 2.5),
      path: 'sections.0.count',
      code: 'out-of-range',
    },
    {
      name: 'a mix that does not sum to the count',
      change: (bp) => (bp.sections[1]!.difficultyMix = { easy: 10, medium: 10, hard: 10 }),
      path: 'sections.1.difficultyMix',
      code: 'mix-mismatch',
    },
    {
      name: 'a negative mix entry',
      change: (bp) => (bp.sections[1]!.difficultyMix = { easy: -10, medium: 40, hard: 10 }),
      path: 'sections.1.difficultyMix.easy',
      code: 'out-of-range',
    },
    {
      name: 'a fractional mix entry',
      change: (bp) => (bp.sections[1]!.difficultyMix = { easy: 0.5, medium: 40 }),
      path: 'sections.1.difficultyMix.easy',
      code: 'out-of-range',
    },
    {
      name: 'an unknown difficulty',
      change: (bp) => (bp.sections[1]!.difficultyMix = { medium: 40, extreme: 0 } as never),
      path: 'sections.1.difficultyMix.extreme',
      code: 'unknown-difficulty',
    },
    {
      name: 'minCorrect above the count',
      change: (bp) => (bp.sections[1]!.minCorrect = 41),
      path: 'sections.1.minCorrect',
      code: 'out-of-range',
    },
    {
      name: 'negative minCorrect',
      change: (bp) => (bp.sections[0]!.minCorrect = -1),
      path: 'sections.0.minCorrect',
      code: 'out-of-range',
    },
    {
      name: 'fractional minCorrect',
      change: (bp) => (bp.sections[0]!.minCorrect = 1.5),
      path: 'sections.0.minCorrect',
      code: 'not-integer',
    },
    {
      name: 'an empty subject',
      change: (bp) => (bp.sections[1]!.subject = '  '),
      path: 'sections.1.subject',
      code: 'empty',
    },
    {
      name: 'a pass mark above the maximum',
      change: (bp) => (bp.passMark = 71),
      path: 'passMark',
      code: 'exceeds-maximum',
    },
    {
      name: 'a pass mark above the maximum with 2 points per item',
      change: (bp) => {
        bp.scoring.pointsPerItem = 2;
        bp.passMark = 141;
      },
      path: 'passMark',
      code: 'exceeds-maximum',
    },
    { name: 'a negative pass mark', change: (bp) => (bp.passMark = -1), path: 'passMark', code: 'out-of-range' },
    {
      name: 'a duration of 0',
      change: (bp) => (bp.durationMinutes = 0),
      path: 'durationMinutes',
      code: 'out-of-range',
    },
    {
      name: 'a duration of 601',
      change: (bp) => (bp.durationMinutes = 601),
      path: 'durationMinutes',
      code: 'out-of-range',
    },
    {
      name: 'a fractional duration',
      change: (bp) => (bp.durationMinutes = 90.5),
      path: 'durationMinutes',
      code: 'not-integer',
    },
    {
      name: 'zero points per item',
      change: (bp) => (bp.scoring.pointsPerItem = 0),
      path: 'scoring.pointsPerItem',
      code: 'out-of-range',
    },
    {
      name: 'NaN points per item',
      change: (bp) => (bp.scoring.pointsPerItem = Number.NaN),
      path: 'scoring.pointsPerItem',
      code: 'out-of-range',
    },
    {
      name: 'negative negative marking',
      change: (bp) => (bp.scoring.negativeMarking = -0.25),
      path: 'scoring.negativeMarking',
      code: 'out-of-range',
    },
  ];

  it.each(cases)('reports $name at $path', ({ change, path, code }) => {
    const bp = valid();
    change(bp);
    const problems = blueprintProblems(bp);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path, code });
    expect(problems[0]!.message.length).toBeGreaterThan(0);
  });

  it('reports every problem at once, each beside its own field', () => {
    const bp = valid();
    bp.durationMinutes = 0;
    bp.sections[0]!.subject = '';
    bp.sections[1]!.count = 0;
    expect(blueprintProblems(bp).map((p) => p.path)).toEqual([
      'durationMinutes',
      'sections.0.subject',
      'sections.1.count',
    ]);
  });
});

describe('selectionProblems', () => {
  it('keeps only what makes drawing meaningless', () => {
    const bp = valid();
    bp.passMark = 1000;
    bp.durationMinutes = 0;
    expect(selectionProblems(bp)).toEqual([]);
    bp.sections[1]!.difficultyMix = { easy: 1 };
    expect(selectionProblems(bp)).toMatchObject([{ path: 'sections.1.difficultyMix', code: 'mix-mismatch' }]);
  });
});
