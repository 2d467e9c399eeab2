import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { competitionRanks, sittingStatistics, type RosterOutcome } from './result-statistics';

const RUNS = { numRuns: 300 };

// Points as scoring reports them: multiples of 0.25 between 0 and 20, so ties are common.
const pointsArb = fc.integer({ min: 0, max: 80 }).map((n) => n / 4);
const outcomeArb: fc.Arbitrary<RosterOutcome> = fc.oneof(
  fc.constant({ kind: 'absent' } as const),
  fc.constant({ kind: 'annulled' } as const),
  fc.record({ kind: fc.constant('sat' as const), points: pointsArb, passed: fc.boolean() }),
);

describe('sittingStatistics', () => {
  it('counts a roster', () => {
    expect(
      sittingStatistics([
        { kind: 'sat', points: 3, passed: true },
        { kind: 'absent' },
        { kind: 'sat', points: 1.5, passed: false },
        { kind: 'annulled' },
        { kind: 'sat', points: 3, passed: true },
        { kind: 'sat', points: 0, passed: false },
      ]),
    ).toEqual({
      registered: 6,
      absent: 1,
      annulled: 1,
      sat: 4,
      passed: 2,
      distribution: [
        { points: 0, count: 1 },
        { points: 1.5, count: 1 },
        { points: 3, count: 2 },
      ],
    });
  });

  it('gives an empty sitting all zeros', () => {
    expect(sittingStatistics([])).toEqual({
      registered: 0,
      absent: 0,
      annulled: 0,
      sat: 0,
      passed: 0,
      distribution: [],
    });
  });

  it('adds up: absent + annulled + sat = registered, passed ≤ sat, the distribution sums to sat', () => {
    fc.assert(
      fc.property(fc.array(outcomeArb, { maxLength: 60 }), (outcomes) => {
        const s = sittingStatistics(outcomes);
        expect(s.absent + s.annulled + s.sat).toBe(s.registered);
        expect(s.registered).toBe(outcomes.length);
        expect(s.passed).toBeLessThanOrEqual(s.sat);
        expect(s.distribution.reduce((n, d) => n + d.count, 0)).toBe(s.sat);
        const sat = outcomes.flatMap((o) => (o.kind === 'sat' ? [o] : []));
        expect(s.passed).toBe(sat.filter((o) => o.passed).length);
        for (const { points, count } of s.distribution) {
          expect(count).toBeGreaterThan(0);
          expect(count).toBe(sat.filter((o) => o.points === points).length);
        }
      }),
      RUNS,
    );
  });

  it('lists each score once, lowest first, and does not depend on the roster order', () => {
    fc.assert(
      fc.property(
        fc
          .array(outcomeArb, { maxLength: 40 })
          .chain((outcomes) =>
            fc.tuple(fc.constant(outcomes), fc.shuffledSubarray(outcomes, { minLength: outcomes.length })),
          ),
        ([outcomes, shuffled]) => {
          const s = sittingStatistics(outcomes);
          const points = s.distribution.map((d) => d.points);
          expect(points).toEqual([...new Set(points)].sort((a, b) => a - b));
          expect(sittingStatistics(shuffled)).toEqual(s);
        },
      ),
      RUNS,
    );
  });
});

describe('competitionRanks', () => {
  it('ranks "1224": ties share a place and the next place is skipped', () => {
    expect(competitionRanks([90, 80, 80, 70])).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([70, 80, 90, 80])).toEqual([4, 2, 1, 2]);
    expect(competitionRanks([5, 5, 5])).toEqual([1, 1, 1]);
    expect(competitionRanks([])).toEqual([]);
    expect(competitionRanks([0, 2.5, 2.5, 3])).toEqual([4, 2, 2, 1]);
  });

  it('is 1 + the number of strictly higher scores, whatever the order', () => {
    fc.assert(
      fc.property(fc.array(pointsArb, { maxLength: 50 }), (points) => {
        const ranks = competitionRanks(points);
        points.forEach((p, i) => expect(ranks[i]).toBe(1 + points.filter((q) => q > p).length));
        // A higher score never ranks below a lower one; equal scores rank the same.
        points.forEach((p, i) =>
          points.forEach((q, j) => {
            if (p > q) expect(ranks[i]).toBeLessThan(ranks[j]!);
            if (p === q) expect(ranks[i]).toBe(ranks[j]);
          }),
        );
        if (points.length > 0) expect(Math.min(...ranks)).toBe(1);
      }),
      RUNS,
    );
  });
});
