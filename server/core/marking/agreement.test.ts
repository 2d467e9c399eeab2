import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markerAgreement } from './agreement';
import { distribute } from './distribute';

describe('markerAgreement', () => {
  it('shows a harsh marker as a negative mean difference, a lenient one as positive', () => {
    const report = markerAgreement([
      {
        markings: [
          { markerId: 'harsh', total: 8 },
          { markerId: 'fair', total: 12 },
        ],
        thirdMarked: true,
      },
      {
        markings: [
          { markerId: 'harsh', total: 10 },
          { markerId: 'fair', total: 12 },
        ],
        thirdMarked: false,
      },
      {
        markings: [
          { markerId: 'harsh', total: 14 },
          { markerId: 'fair', total: 18 },
        ],
        thirdMarked: true,
      },
      { markings: [{ markerId: 'fair', total: 5 }], thirdMarked: false },
    ]);
    expect(report).toEqual([
      {
        markerId: 'fair',
        scripts: 3,
        meanDifference: 3.3333,
        meanAbsoluteDifference: 3.3333,
        correlation: 0.9449,
        thirdMarkingRate: 0.6667,
      },
      {
        markerId: 'harsh',
        scripts: 3,
        meanDifference: -3.3333,
        meanAbsoluteDifference: 3.3333,
        correlation: 0.9449,
        thirdMarkingRate: 0.6667,
      },
    ]);
  });

  it('has no correlation when a side never varies, and nothing for a marker with no comparable script', () => {
    const report = markerAgreement([
      {
        markings: [
          { markerId: 'a', total: 5 },
          { markerId: 'b', total: 6 },
        ],
        thirdMarked: false,
      },
      {
        markings: [
          { markerId: 'a', total: 5 },
          { markerId: 'b', total: 9 },
        ],
        thirdMarked: false,
      },
    ]);
    expect(report.map((r) => r.correlation)).toEqual([null, null]);
    expect(markerAgreement([{ markings: [{ markerId: 'a', total: 5 }], thirdMarked: false }])).toEqual([]);
  });

  it('does not depend on the order of scripts or of the two markings within one', () => {
    const script = fc
      .record({
        markings: fc.tuple(
          fc.record({ markerId: fc.constantFrom('a', 'b', 'c', 'd'), total: fc.integer({ min: 0, max: 40 }) }),
          fc.record({ markerId: fc.constantFrom('a', 'b', 'c', 'd'), total: fc.integer({ min: 0, max: 40 }) }),
        ),
        thirdMarked: fc.boolean(),
      })
      .filter((s) => s.markings[0].markerId !== s.markings[1].markerId);
    fc.assert(
      fc.property(fc.array(script, { maxLength: 30 }), fc.infiniteStream(fc.boolean()), (scripts, flips) => {
        const shuffled = [...scripts].reverse().map((s) => ({
          ...s,
          markings: flips.next().value ? [s.markings[1], s.markings[0]] : [...s.markings],
        }));
        const a = markerAgreement(scripts);
        const b = markerAgreement(shuffled);
        expect(b.map((r) => [r.markerId, r.scripts, r.meanDifference, r.thirdMarkingRate])).toEqual(
          a.map((r) => [r.markerId, r.scripts, r.meanDifference, r.thirdMarkingRate]),
        );
        b.forEach((r, i) => {
          if (r.correlation === null) expect(a[i]!.correlation).toBeNull();
          else expect(r.correlation).toBeCloseTo(a[i]!.correlation!, 3);
        });
      }),
    );
  });
});

describe('distribute', () => {
  it('gives every script two different markers and spreads the load evenly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 7 }), fc.integer({ min: 0, max: 60 }), (n, count) => {
        const markers = Array.from({ length: n }, (_, i) => `m${i}`);
        const assignments = distribute(count, markers);
        expect(assignments).toHaveLength(count);
        const load = new Map(markers.map((m) => [m, 0]));
        for (const { first, second } of assignments) {
          expect(first).not.toBe(second);
          load.set(first, load.get(first)! + 1);
          load.set(second, load.get(second)! + 1);
        }
        const loads = [...load.values()];
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(2);
      }),
    );
  });

  it('refuses fewer than two distinct markers', () => {
    expect(() => distribute(3, ['a'])).toThrow(RangeError);
    expect(() => distribute(3, ['a', 'a'])).toThrow(RangeError);
  });
});
