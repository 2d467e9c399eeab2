import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MARKING_RULES } from '../../../db/domain/marking';
import { reconcile, type MarkingRule } from './reconcile';

describe('reconcile', () => {
  it.each([
    ['one marking', { double: [10], threshold: 3, rule: 'chief' }, { status: 'marking' }],
    [
      'agreed: exactly the threshold apart',
      { double: [10, 13], threshold: 3, rule: 'chief' },
      { status: 'final', points: 11.5, how: 'agreed' },
    ],
    [
      'equal marks',
      { double: [7, 7], threshold: 0, rule: 'closest-pair' },
      { status: 'final', points: 7, how: 'agreed' },
    ],
    ['one point over the threshold', { double: [10, 14], threshold: 3, rule: 'chief' }, { status: 'third' }],
    [
      'chief decides',
      { double: [10, 20], chief: 12, threshold: 3, rule: 'chief' },
      { status: 'final', points: 12, how: 'chief' },
    ],
    [
      'mean of three, rounded to hundredths',
      { double: [10, 20], chief: 12, threshold: 3, rule: 'mean-of-three' },
      { status: 'final', points: 14, how: 'mean-of-three' },
    ],
    [
      'mean of three, a third',
      { double: [10, 20], chief: 11, threshold: 3, rule: 'mean-of-three' },
      { status: 'final', points: 13.67, how: 'mean-of-three' },
    ],
    [
      'closest pair: the chief near the low mark',
      { double: [10, 20], chief: 12, threshold: 3, rule: 'closest-pair' },
      { status: 'final', points: 11, how: 'closest-pair' },
    ],
    [
      'closest pair: the chief near the high mark',
      { double: [20, 10], chief: 17, threshold: 3, rule: 'closest-pair' },
      { status: 'final', points: 18.5, how: 'closest-pair' },
    ],
    [
      'closest pair tie: the chief exactly between',
      { double: [10, 20], chief: 15, threshold: 3, rule: 'closest-pair' },
      { status: 'final', points: 15, how: 'closest-pair' },
    ],
    [
      'closest pair tie: the chief beyond, equidistant',
      { double: [10, 16], chief: 22, threshold: 3, rule: 'closest-pair' },
      { status: 'final', points: 16, how: 'closest-pair' },
    ],
  ] as const)('%s', (_, input, expected) => {
    expect(reconcile({ ...input, double: [...input.double] })).toEqual(expected);
  });
});

const mark = fc.integer({ min: 0, max: 60 });
const rule = fc.constantFrom<MarkingRule>(...MARKING_RULES);
const case_ = fc.record({ a: mark, b: mark, c: mark, threshold: fc.integer({ min: 0, max: 20 }), rule });

describe('reconcile (properties)', () => {
  it('does not depend on which blind marker marked first', () => {
    fc.assert(
      fc.property(case_, ({ a, b, c, threshold, rule }) => {
        expect(reconcile({ double: [a, b], chief: c, threshold, rule })).toEqual(
          reconcile({ double: [b, a], chief: c, threshold, rule }),
        );
      }),
    );
  });

  it('asks for the chief exactly when the two differ by more than the threshold, and ignores the chief otherwise', () => {
    fc.assert(
      fc.property(case_, ({ a, b, c, threshold, rule }) => {
        const without = reconcile({ double: [a, b], threshold, rule });
        expect(without.status).toBe(Math.abs(a - b) > threshold ? 'third' : 'final');
        if (without.status === 'final')
          expect(reconcile({ double: [a, b], chief: c, threshold, rule })).toEqual(without);
      }),
    );
  });

  it('gives a final mark between the lowest and highest marks it saw, in hundredths', () => {
    fc.assert(
      fc.property(case_, ({ a, b, c, threshold, rule }) => {
        const result = reconcile({ double: [a, b], chief: c, threshold, rule });
        if (result.status !== 'final') throw new Error('a chief marking always ends it');
        const seen = result.how === 'agreed' ? [a, b] : [a, b, c];
        expect(result.points).toBeGreaterThanOrEqual(Math.min(...seen));
        expect(result.points).toBeLessThanOrEqual(Math.max(...seen));
        expect(Math.round(result.points * 100)).toBeCloseTo(result.points * 100, 6);
      }),
    );
  });

  it('closest pair: in a tie the middle mark; and the result never lies nearer the outlier than the middle', () => {
    fc.assert(
      fc.property(case_, ({ a, b, c, threshold }) => {
        const result = reconcile({ double: [a, b], chief: c, threshold, rule: 'closest-pair' });
        if (result.status !== 'final' || result.how === 'agreed') return;
        const [low, middle, high] = [a, b, c].sort((x, y) => x - y) as [number, number, number];
        if (middle - low === high - middle) expect(result.points).toBe(middle);
        else if (middle - low < high - middle) expect(result.points).toBe((low + middle) / 2);
        else expect(result.points).toBe((middle + high) / 2);
      }),
    );
  });

  it('reproduces a final mark from the stored markings: the same inputs, the same mark', () => {
    fc.assert(
      fc.property(case_, ({ a, b, c, threshold, rule }) => {
        const first = reconcile({ double: [a, b], chief: c, threshold, rule });
        const again = reconcile({ double: [b, a].slice(), chief: c, threshold, rule });
        expect(again).toEqual(first);
      }),
    );
  });
});
