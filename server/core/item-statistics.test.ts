import { describe, expect, it } from 'vitest';
import type { QuestionKey } from './question';
import { fCdf, fQuantile, chiSquare1Upper, normalCdf } from './item-statistics/distributions';
import {
  analyseItems,
  etsClass,
  parseMarksCsv,
  randomGuessScore,
  scoreHistogram,
  StatisticsInputError,
  type StatAttempt,
  type StatItem,
} from './item-statistics/index';

const dichotomous = (ids: string[]): StatItem[] => ids.map((id) => ({ id, maxMark: 1 }));
const matrix = (rows: number[][], items: string[]): StatAttempt[] =>
  rows.map((marks, a) => ({ id: `A${a + 1}`, responses: marks.map((mark, i) => ({ item: items[i]!, mark })) }));

// Five attempts, three right/wrong items. Reference values by hand, checked with NumPy/SciPy
// (scipy.stats.skew/kurtosis with bias=False are k3/k2^1.5 and k4/k2²; F quantiles from scipy.stats.f.ppf).
const SMALL = [
  [1, 1, 1],
  [1, 1, 0],
  [1, 0, 1],
  [0, 1, 0],
  [0, 0, 0],
];

describe('analyseItems: a hand-computed test', () => {
  const result = analyseItems(dichotomous(['q1', 'q2', 'q3']), matrix(SMALL, ['q1', 'q2', 'q3']));

  it('gives the test measures as Moodle defines them', () => {
    const t = result.test;
    expect(t.attempts).toBe(5);
    expect(t.maxMark).toBe(3);
    expect(t.mean).toBeCloseTo(1.6, 12);
    expect(t.median).toBe(2);
    expect(t.sd).toBeCloseTo(1.140175425099138, 12);
    expect(t.skewness).toBeCloseTo(-0.40479600891093703, 10);
    expect(t.kurtosis).toBeCloseTo(-0.17751479289940741, 10);
    // α = 3/2 · (1 − 3·0.3/1.3) = 6/13
    expect(t.cic).toBeCloseTo((100 * 6) / 13, 10);
    expect(t.cicLower).toBeCloseTo(-172.0648117041892, 5);
    expect(t.cicUpper).toBeCloseTo(94.00348887614616, 5);
    expect(t.errorRatio).toBeCloseTo(73.37993857053429, 10);
    expect(t.standardError).toBeCloseTo(0.8366600265340757, 10);
  });

  it('gives the item measures as Moodle defines them', () => {
    const [q1, q2, q3] = result.items;
    expect(q1).toMatchObject({ item: 'q1', attempts: 5, facility: 0.6, randomGuessScore: null });
    expect(q1!.sd).toBeCloseTo(0.5477225575051662, 12);
    expect(q1!.intendedWeight).toBeCloseTo(100 / 3, 12);
    expect(q1!.effectiveWeight).toBeCloseTo(37.83460480487164, 10);
    expect(q1!.discriminationIndex).toBeCloseTo(64.54972243679028, 10);
    expect(q1!.discriminativeEfficiency).toBeCloseTo(100, 10);
    expect(q2!.effectiveWeight).toBeCloseTo(27.94270749627286, 10);
    expect(q2!.discriminationIndex).toBeCloseTo(0, 10);
    expect(q2!.discriminativeEfficiency).toBeCloseTo(0, 10);
    expect(q3!.facility).toBeCloseTo(0.4, 12);
    expect(q3!.effectiveWeight).toBeCloseTo(34.222687698855495, 10);
    expect(q3!.discriminationIndex).toBeCloseTo(32.73268353539886, 10);
    expect(q3!.discriminativeEfficiency).toBeCloseTo(37.5, 10);
  });

  it('splits upper and lower 27 % by total score (round(0.27·5) = 1 attempt each)', () => {
    const [q1, , q3] = result.items;
    expect(q1).toMatchObject({ upperFacility: 1, lowerFacility: 0, upperLowerDiscrimination: 1 });
    expect(q3).toMatchObject({ upperFacility: 1, lowerFacility: 0 });
  });

  it('bins the scores on a 0–100 axis', () => {
    // 100, 66.7, 66.7, 33.3, 0 %
    expect(result.histogram.map((b) => b.count)).toEqual([1, 0, 0, 1, 0, 0, 2, 0, 0, 1]);
  });

  it('has one section holding the whole test', () => {
    expect(result.sections).toHaveLength(1);
    expect(result.sections[0]).toMatchObject({ section: 0, slots: 3, cic: result.test.cic, mean: 1.6 });
  });
});

describe('analyseItems: sections, options and flags', () => {
  it('computes each section as a test of its own', () => {
    const items: StatItem[] = [
      { id: 'a', maxMark: 1, section: 0 },
      { id: 'b', maxMark: 1, section: 0 },
      { id: 'c', maxMark: 2, section: 1 },
    ];
    const attempts = matrix(
      [
        [1, 1, 2],
        [1, 0, 1],
        [0, 0, 0],
        [1, 1, 1],
      ],
      ['a', 'b', 'c'],
    );
    const r = analyseItems(items, attempts);
    expect(r.sections.map((s) => [s.section, s.slots, s.maxMark, s.mean])).toEqual([
      [0, 2, 2, 1.25],
      [1, 1, 2, 1],
    ]);
    // One slot: α is undefined.
    expect(r.sections[1]!.cic).toBeNull();
    expect(r.items.find((i) => i.item === 'c')!.facility).toBeCloseTo(0.5, 12);
    expect(r.items.find((i) => i.item === 'c')!.intendedWeight).toBeCloseTo(50, 12);
  });

  it('counts options overall and in the groups and flags dead and attracting distractors', () => {
    // 40 attempts; item q has key a. Strong candidates (high scores on the other items) choose c,
    // weak ones a or b; d is never chosen.
    const others = ['o1', 'o2', 'o3', 'o4'];
    const items: StatItem[] = [
      { id: 'q', maxMark: 1, options: ['a', 'b', 'c', 'd'], key: ['a'], randomGuessScore: 0.25 },
      ...dichotomous(others),
    ];
    const attempts: StatAttempt[] = Array.from({ length: 40 }, (_, i) => {
      const ability = i % 5; // 0..4 right among the others
      const choice = ability >= 3 ? 'c' : i % 2 ? 'a' : 'b';
      return {
        id: `A${String(i).padStart(2, '0')}`,
        responses: [
          { item: 'q', mark: choice === 'a' ? 1 : 0, chosen: [choice] },
          ...others.map((item, k) => ({ item, mark: k < ability ? 1 : 0 })),
        ],
      };
    });
    const q = analyseItems(items, attempts).items.find((i) => i.item === 'q')!;
    const byOption = Object.fromEntries(q.options.map((o) => [o.option, o]));
    expect(byOption.a).toMatchObject({ correct: true, count: 12 });
    // Upper 11: the 8 with total 4, then of those with 3 the first ids, A03 (c), A07 (a), A08 (c).
    expect(byOption.c).toMatchObject({ correct: false, count: 16, fraction: 0.4, upper: 10, lower: 0 });
    expect(byOption.d).toMatchObject({ count: 0, pointBiserial: null });
    expect(byOption.c!.pointBiserial!).toBeGreaterThan(0.5);
    expect(q.omitted).toBe(0);
    expect(q.flags).toEqual(
      expect.arrayContaining([
        { code: 'dead-distractor', option: 'd' },
        { code: 'attracting-distractor', option: 'c' },
        { code: 'negative-discrimination' },
      ]),
    );
    expect(q.flags).not.toContainEqual({ code: 'attracting-distractor', option: 'b' });
  });

  it('flags too easy, too hard and low efficiency only past their thresholds', () => {
    const ids = ['easy', 'hard', 'x1', 'x2', 'x3'];
    const attempts = matrix(
      Array.from({ length: 20 }, (_, i) => [i < 19 ? 1 : 0, i === 0 ? 1 : 0, i % 2, i % 3 ? 1 : 0, i < 10 ? 1 : 0]),
      ids,
    );
    const r = analyseItems(dichotomous(ids), attempts);
    const flags = (id: string) => r.items.find((i) => i.item === id)!.flags.map((f) => f.code);
    expect(flags('easy')).toContain('too-easy');
    expect(flags('hard')).toContain('too-hard');
    expect(flags('x1')).not.toContain('too-easy');
    expect(flags('x1')).not.toContain('too-hard');
  });

  it('raises no flag on fewer than 10 attempts', () => {
    const r = analyseItems(dichotomous(['q1', 'q2', 'q3']), matrix(SMALL, ['q1', 'q2', 'q3']));
    expect(r.items.flatMap((i) => i.flags)).toEqual([]);
  });

  it('refuses a mark above the maximum, an unknown item and ragged attempts', () => {
    expect(() => analyseItems(dichotomous(['q']), matrix([[2]], ['q']))).toThrow(StatisticsInputError);
    expect(() => analyseItems(dichotomous(['q']), matrix([[1]], ['z']))).toThrow(StatisticsInputError);
    expect(() =>
      analyseItems(dichotomous(['q', 'r']), [
        { id: '1', responses: [{ item: 'q', mark: 1 }] },
        {
          id: '2',
          responses: [
            { item: 'q', mark: 1 },
            { item: 'r', mark: 0 },
          ],
        },
      ]),
    ).toThrow(StatisticsInputError);
  });

  it('returns nulls rather than NaN for a degenerate test', () => {
    const r = analyseItems(dichotomous(['q']), matrix([[1]], ['q']));
    expect(r.test).toMatchObject({ attempts: 1, mean: 1, median: 1, sd: null, skewness: null, cic: null });
    expect(r.items[0]).toMatchObject({ facility: 1, sd: null, discriminationIndex: null, effectiveWeight: null });
    expect(JSON.stringify(r)).not.toContain('NaN');
  });
});

describe('Mantel–Haenszel DIF', () => {
  // Two strata by rest score (item r): reference right/wrong, focal right/wrong
  // rest 0: 10/10 and 5/15; rest 1: 15/5 and 10/10. α_MH = 7.5 / 2.5 = 3, D = −2.35 ln 3.
  function population(scale: number): StatAttempt[] {
    const out: StatAttempt[] = [];
    const cells: [string, number, number, number][] = [
      ['az', 0, 1, 10],
      ['az', 0, 0, 10],
      ['ru', 0, 1, 5],
      ['ru', 0, 0, 15],
      ['az', 1, 1, 15],
      ['az', 1, 0, 5],
      ['ru', 1, 1, 10],
      ['ru', 1, 0, 10],
    ];
    for (const [language, rest, right, count] of cells) {
      for (let i = 0; i < count * scale; i++) {
        out.push({
          id: `${language}-${rest}-${right}-${i}`,
          language,
          responses: [
            { item: 'q', mark: right },
            { item: 'r', mark: rest },
          ],
        });
      }
    }
    return out;
  }

  it('matches the hand computation and classes a small sample B', () => {
    const { dif } = analyseItems(dichotomous(['q', 'r']), population(1), { difMinGroup: 40 });
    const q = dif.find((d) => d.item === 'q')!;
    expect(q).toMatchObject({ reference: 'az', focal: 'ru', nReference: 40, nFocal: 40, class: 'B' });
    expect(q.alphaMH).toBeCloseTo(3, 12);
    expect(q.dDif).toBeCloseTo(-2.581738878370058, 10);
    expect(q.se).toBeCloseTo(1.1351578451181727, 10);
    expect(q.chiSquare).toBeCloseTo(4.212, 10);
    expect(q.p).toBeCloseTo(0.040138984853230184, 5);
  });

  it('classes the same effect C on four times the candidates, and flags the item', () => {
    const r = analyseItems(dichotomous(['q', 'r']), population(4), { difMinGroup: 40 });
    expect(r.dif.find((d) => d.item === 'q')!.class).toBe('C');
    expect(r.items.find((i) => i.item === 'q')!.flags).toContainEqual({ code: 'dif-c', groups: 'az/ru' });
  });

  it('compares nothing when a group is below the minimum', () => {
    expect(analyseItems(dichotomous(['q', 'r']), population(1), { difMinGroup: 41 }).dif).toEqual([]);
  });

  it.each([
    [0.9, 0.3, 0.001, 'A'],
    [-1.2, 0.3, 0.2, 'A'],
    [-1.2, 0.3, 0.01, 'B'],
    [1.6, 0.5, 0.001, 'B'],
    [1.6, 0.1, 0.001, 'C'],
    [-2.5, 0.5, 0.001, 'C'],
  ] as const)('ETS class of D = %s, SE %s, p %s is %s', (d, se, p, expected) => {
    expect(etsClass(d, se, p)).toBe(expected);
  });
});

describe('positions and forms', () => {
  it('compares the variants drawn at a position and the forms', () => {
    const attempts: StatAttempt[] = Array.from({ length: 60 }, (_, i) => {
      const variant = i % 2 ? 'v1' : 'v2';
      // v1 is right for everyone, v2 for a third: clearly unequal.
      const mark = variant === 'v1' ? 1 : i % 3 === 0 ? 1 : 0;
      return {
        id: `A${i}`,
        form: variant === 'v1' ? 'F1' : 'F2',
        responses: [
          { item: variant, mark },
          { item: 'fixed', mark: i % 4 ? 1 : 0 },
        ],
      };
    });
    const r = analyseItems(dichotomous(['v1', 'v2', 'fixed']), attempts);
    expect(r.positions).toHaveLength(1);
    const [position] = r.positions;
    expect(position!.variants).toEqual([
      { item: 'v1', attempts: 30, facility: 1 },
      { item: 'v2', attempts: 30, facility: expect.closeTo(10 / 30, 12) as number },
    ]);
    expect(position!.p!).toBeLessThan(0.001);
    expect(r.forms!.forms.map((f) => f.form)).toEqual(['F1', 'F2']);
    expect(r.forms!.p!).toBeLessThan(0.001);
    // A variant's own measures use only the attempts that had it.
    expect(r.items.find((i) => i.item === 'v2')!.attempts).toBe(30);
  });
});

describe('distributions', () => {
  it.each([
    [0.975, 4, 8, 5.052632217363513],
    [0.025, 4, 8, 0.11136377801442858],
    [0.975, 99, 9801, 1.2992685131365946],
    [0.5, 3, 30, 0.8068868749283332],
  ])('F quantile %s of (%s, %s) is %s (SciPy)', (p, d1, d2, expected) => {
    expect(fQuantile(p, d1, d2)).toBeCloseTo(expected, 7);
  });
  it('gives upper tails as SciPy does', () => {
    expect(1 - fCdf(2.5, 3, 30)).toBeCloseTo(0.07847395791463857, 7);
    expect(chiSquare1Upper(3.84)).toBeCloseTo(0.05004352124870519, 6);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 6);
  });
});

describe('randomGuessScore', () => {
  it.each([
    [{ type: 'single', correct: ['a'] }, 4, 0.25],
    [{ type: 'multiple', correct: ['a', 'b'], scoring: 'all-or-nothing' }, 3, 1 / 7],
    [{ type: 'multiple', correct: ['a', 'b'], scoring: 'partial' }, 3, null],
    [{ type: 'short', accepted: [], match: 'exact' }, 0, 0],
  ] satisfies [QuestionKey, number, number | null][])('%j with %s options: %s', (key, options, expected) => {
    expect(randomGuessScore(key, options)).toBe(expected);
  });
});

describe('scoreHistogram', () => {
  it('puts 100 in the last bin and edges in the upper bin', () => {
    expect(scoreHistogram([0, 9.999, 10, 50, 99.9, 100], 10).map((b) => b.count)).toEqual([
      2, 1, 0, 0, 0, 1, 0, 0, 0, 2,
    ]);
    expect(scoreHistogram([], 4).map((b) => [b.from, b.to])).toEqual([
      [0, 25],
      [25, 50],
      [50, 75],
      [75, 100],
    ]);
  });
});

describe('parseMarksCsv', () => {
  it('reads attempts and items in first-seen order, columns in any order', () => {
    const r = parseMarksCsv('item,attempt,max,mark\nq1,A,1,1\nq2,A,2,0.5\nq1,B,1,0\nq2,B,2,2\n');
    expect(r).toEqual({
      ok: true,
      items: [
        { id: 'q1', maxMark: 1 },
        { id: 'q2', maxMark: 2 },
      ],
      attempts: [
        {
          id: 'A',
          responses: [
            { item: 'q1', mark: 1 },
            { item: 'q2', mark: 0.5 },
          ],
        },
        {
          id: 'B',
          responses: [
            { item: 'q1', mark: 0 },
            { item: 'q2', mark: 2 },
          ],
        },
      ],
    });
  });

  it.each([
    ['attempt,item,mark\nA,q,1\n', 1, 'missing column "max"'],
    ['attempt,item,mark,max\nA,q,1,1\nB,q,2,1\n', 3, 'above its max'],
    ['attempt,item,mark,max\nA,q,1,1\nB,q,x,1\n', 3, 'not a number'],
    ['attempt,item,mark,max\nA,q,1,1\nB,q,1,\n', 3, 'not a number'],
    ['attempt,item,mark,max\nA,q,1,1\nA,q,0,1\n', 3, 'twice'],
    ['attempt,item,mark,max\nA,q,1,1\nA,r,1,1\nB,q,1,1\n', 4, 'no row for item "r"'],
    ['attempt,item,mark,max\nA,q,1,1\nB,q,1,2\n', 3, 'has max 1'],
    ['attempt,item,mark,max\nA,q,1,0\n', 2, 'above 0'],
    ['attempt,item,mark,max\nA,q,1\n', 2, 'columns'],
    ['', 1, 'empty'],
  ])('refuses %j at line %s', (text, line, message) => {
    const r = parseMarksCsv(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.line).toBe(line);
      expect(r.message).toContain(message);
    }
  });
});
