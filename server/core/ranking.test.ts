import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  finalScore,
  normalisedInterview,
  normalisedTest,
  rankCandidates,
  splitRanking,
  type RankingCandidate,
} from './ranking';

const RUNS = { numRuns: 300 };

const candidateArb = (panel: number): fc.Arbitrary<Omit<RankingCandidate, 'id'>> =>
  fc.record({
    testPoints: fc.integer({ min: 0, max: 100 }),
    testMaxPoints: fc.constant(100),
    interviewTotals: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: panel, maxLength: panel }),
    interviewMaxPoints: fc.constant(10),
  });
const fieldArb = fc
  .integer({ min: 3, max: 5 })
  .chain((panel) => fc.array(candidateArb(panel), { minLength: 0, maxLength: 12 }))
  .map((cs) => cs.map((c, i) => ({ ...c, id: `C${String(i).padStart(3, '0')}` })));
const weightsArb = fc.record({ test: fc.integer({ min: 0, max: 10 }), interview: fc.integer({ min: 1, max: 10 }) });

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('rankCandidates', () => {
  it('combines the normalised scores by the published weights', () => {
    const ranked = rankCandidates(
      [
        { id: 'A', testPoints: 80, testMaxPoints: 100, interviewTotals: [6, 7, 8], interviewMaxPoints: 10 },
        { id: 'B', testPoints: 60, testMaxPoints: 100, interviewTotals: [9, 9, 9], interviewMaxPoints: 10 },
        { id: 'C', testPoints: 3, testMaxPoints: 4, interviewTotals: [10, 10, 4], interviewMaxPoints: 10 },
      ],
      { test: 40, interview: 60 },
    );
    // A: 0.4·80 + 0.6·70 = 74; B: 0.4·60 + 0.6·90 = 78; C: 0.4·75 + 0.6·80 = 78 → B before C on the
    // higher interview score.
    expect(ranked).toEqual([
      { id: 'B', rank: 1, testScore: 60, interviewScore: 90, finalScore: 78 },
      { id: 'C', rank: 2, testScore: 75, interviewScore: 80, finalScore: 78 },
      { id: 'A', rank: 3, testScore: 80, interviewScore: 70, finalScore: 74 },
    ]);
  });

  it('breaks full ties by candidate code, never by input order', () => {
    const same = { testPoints: 5, testMaxPoints: 10, interviewTotals: [5, 5, 5], interviewMaxPoints: 10 };
    const ranked = rankCandidates(
      [
        { id: 'Z9', ...same },
        { id: 'A1', ...same },
        { id: 'M5', ...same },
      ],
      { test: 1, interview: 1 },
    );
    expect(ranked.map((r) => r.id)).toEqual(['A1', 'M5', 'Z9']);
  });

  it('publishes scores to four decimals', () => {
    expect(normalisedTest({ testPoints: 1, testMaxPoints: 3 })).toBe(33.3333);
    expect(normalisedInterview({ interviewTotals: [2, 2, 3], interviewMaxPoints: 9 })).toBe(25.9259);
    expect(finalScore(33.3333, 25.9259, { test: 1, interview: 2 })).toBe(28.395);
  });

  it('refuses weights that cannot rank', () => {
    expect(() => rankCandidates([], { test: 0, interview: 0 })).not.toThrow();
    expect(() => finalScore(1, 1, { test: 0, interview: 0 })).toThrow(RangeError);
    expect(() => rankCandidates([], { test: -1, interview: 2 })).toThrow(RangeError);
  });

  it('is the same whatever order the candidates come in', () => {
    fc.assert(
      fc.property(fieldArb, weightsArb, fc.integer({ min: 1, max: 1e6 }), (field, weights, seed) => {
        expect(rankCandidates(shuffle(field, seed), weights)).toEqual(rankCandidates(field, weights));
      }),
      RUNS,
    );
  });

  it('ranks everyone once, 1..n, by final score descending, each within 0..100', () => {
    fc.assert(
      fc.property(fieldArb, weightsArb, (field, weights) => {
        const ranked = rankCandidates(field, weights);
        expect(ranked.map((r) => r.rank)).toEqual(field.map((_, i) => i + 1));
        expect(new Set(ranked.map((r) => r.id)).size).toBe(field.length);
        for (const [i, r] of ranked.entries()) {
          expect(r.finalScore).toBeGreaterThanOrEqual(0);
          expect(r.finalScore).toBeLessThanOrEqual(100);
          if (i > 0) expect(ranked[i - 1]!.finalScore).toBeGreaterThanOrEqual(r.finalScore);
        }
      }),
      RUNS,
    );
  });

  it('never ranks a candidate lower for a better score on either part', () => {
    fc.assert(
      fc.property(fieldArb, weightsArb, fc.nat(), (field, weights, pick) => {
        if (field.length === 0) return;
        const i = pick % field.length;
        const better = field.map((c, j) =>
          j === i ? { ...c, interviewTotals: c.interviewTotals.map((t) => Math.min(10, t + 1)) } : c,
        );
        const rankOf = (f: RankingCandidate[]) => rankCandidates(f, weights).find((r) => r.id === field[i]!.id)!.rank;
        expect(rankOf(better)).toBeLessThanOrEqual(rankOf(field));
      }),
      RUNS,
    );
  });

  it('with all weight on the interview, orders by the interview alone', () => {
    fc.assert(
      fc.property(fieldArb, (field) => {
        const ranked = rankCandidates(field, { test: 0, interview: 1 });
        for (const r of ranked) expect(r.finalScore).toBe(r.interviewScore);
      }),
      RUNS,
    );
  });
});

describe('splitRanking', () => {
  it('appoints the first places and keeps the rest on the reserve list in order', () => {
    fc.assert(
      fc.property(fieldArb, weightsArb, fc.integer({ min: 0, max: 15 }), (field, weights, places) => {
        const ranked = rankCandidates(field, weights);
        const { appointees, reserve } = splitRanking(shuffle(ranked, places + 1), places);
        expect(appointees.length).toBe(Math.min(places, ranked.length));
        expect([...appointees, ...reserve]).toEqual(ranked);
        expect(reserve.every((r) => r.rank > places)).toBe(true);
      }),
      RUNS,
    );
  });
});
