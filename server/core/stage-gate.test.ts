import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weightedScore, finalScore } from './ranking';
import { applyGate, topLimit, type Gate, type GateCandidate } from './stage-gate';

const RUNS = { numRuns: 300 };

/** Scores drawn from a few values so that ties are common. */
const candidatesArb = fc
  .array(fc.option(fc.constantFrom(0, 12.5, 40, 50, 50.00001, 66.6667, 75, 100), { nil: null, freq: 6 }), {
    maxLength: 25,
  })
  .map((scores) => scores.map((score, i): GateCandidate => ({ id: `C${String(i).padStart(3, '0')}`, score })));
const gateArb: fc.Arbitrary<Gate> = fc.record({
  minScore: fc.option(fc.constantFrom(0, 40, 50, 75), { nil: null }),
  top: fc.option(
    fc.oneof(
      fc.record({ kind: fc.constant('share' as const), value: fc.integer({ min: 1, max: 100 }) }),
      fc.record({ kind: fc.constant('number' as const), value: fc.integer({ min: 0, max: 30 }) }),
    ),
    { nil: null },
  ),
  ties: fc.constantFrom('include' as const, 'exclude' as const),
});

const advancedIds = (outcome: ReturnType<typeof applyGate>) =>
  outcome
    .filter((o) => o.advanced)
    .map((o) => o.id)
    .sort();

describe('applyGate', () => {
  it('applies a minimum score, inclusive', () => {
    const out = applyGate(
      [
        { id: 'A', score: 49.9999 },
        { id: 'B', score: 50 },
        { id: 'C', score: null },
      ],
      { minScore: 50, top: null, ties: 'include' },
    );
    expect(out).toEqual([
      { id: 'B', score: 50, rank: 1, advanced: true, reason: 'passed' },
      { id: 'A', score: 49.9999, rank: 2, advanced: false, reason: 'below_minimum' },
      { id: 'C', score: null, rank: null, advanced: false, reason: 'no_result' },
    ]);
  });

  it('rounds a top share up, over the candidates with a result', () => {
    expect(topLimit({ kind: 'share', value: 50 }, 7)).toBe(4);
    expect(topLimit({ kind: 'share', value: 50 }, 4876)).toBe(2438);
    expect(topLimit({ kind: 'share', value: 1 }, 1)).toBe(1);
    expect(topLimit({ kind: 'share', value: 33 }, 100)).toBe(33);
    expect(topLimit({ kind: 'share', value: 100 }, 0)).toBe(0);
    expect(topLimit({ kind: 'number', value: 3 }, 1)).toBe(3);
    const out = applyGate(
      ['A', 'B', 'C', 'D', 'E']
        .map((id, i) => ({ id, score: 90 - i * 10 }))
        .concat([{ id: 'F', score: null as never }]),
      { minScore: null, top: { kind: 'share', value: 50 }, ties: 'include' },
    );
    expect(advancedIds(out)).toEqual(['A', 'B', 'C']);
    expect(out.find((o) => o.id === 'D')!.reason).toBe('outside_top');
  });

  it('lets a whole tied group through at the limit under include, and none of it under exclude', () => {
    const field = [
      { id: 'A', score: 90 },
      { id: 'B', score: 80 },
      { id: 'C', score: 80 },
      { id: 'D', score: 70 },
    ];
    const include = applyGate(field, { minScore: null, top: { kind: 'number', value: 2 }, ties: 'include' });
    expect(advancedIds(include)).toEqual(['A', 'B', 'C']);
    expect(include.map((o) => o.rank)).toEqual([1, 2, 2, 4]);
    const exclude = applyGate(field, { minScore: null, top: { kind: 'number', value: 2 }, ties: 'exclude' });
    expect(advancedIds(exclude)).toEqual(['A']);
    expect(exclude.filter((o) => o.reason === 'tie_at_limit').map((o) => o.id)).toEqual(['B', 'C']);
  });

  it('compares scores as published, to four decimals', () => {
    const out = applyGate(
      [
        { id: 'A', score: 50.00001 },
        { id: 'B', score: 50 },
      ],
      { minScore: null, top: { kind: 'number', value: 1 }, ties: 'exclude' },
    );
    expect(out.every((o) => o.rank === 1 && o.reason === 'tie_at_limit')).toBe(true);
  });

  it('refuses a candidate listed twice', () => {
    expect(() =>
      applyGate(
        [
          { id: 'A', score: 1 },
          { id: 'A', score: 2 },
        ],
        { minScore: null, top: null, ties: 'include' },
      ),
    ).toThrow(RangeError);
  });

  it('does not depend on the order of the candidates', () => {
    fc.assert(
      fc.property(
        candidatesArb.chain((c) =>
          fc.tuple(fc.constant(c), fc.shuffledSubarray(c, { minLength: c.length, maxLength: c.length })),
        ),
        gateArb,
        ([candidates, shuffled], gate) => {
          expect(applyGate(shuffled, gate)).toEqual(applyGate(candidates, gate));
        },
      ),
      RUNS,
    );
  });

  it('never splits a tie: equal scores share a rank and a decision', () => {
    fc.assert(
      fc.property(candidatesArb, gateArb, (candidates, gate) => {
        const out = applyGate(candidates, gate);
        for (const a of out)
          for (const b of out)
            if (a.score !== null && a.score === b.score) {
              expect(a.rank).toBe(b.rank);
              expect(a.advanced).toBe(b.advanced);
            }
      }),
      RUNS,
    );
  });

  it('is monotone: whoever scores higher than someone who goes through goes through too', () => {
    fc.assert(
      fc.property(candidatesArb, gateArb, (candidates, gate) => {
        const out = applyGate(candidates, gate);
        const lowest = Math.min(...out.filter((o) => o.advanced).map((o) => o.score!));
        for (const o of out) if (o.score !== null && o.score >= lowest) expect(o.advanced).toBe(true);
        expect(out.filter((o) => o.score === null).every((o) => !o.advanced)).toBe(true);
      }),
      RUNS,
    );
  });

  it('keeps to the limit under exclude, and fills it when enough pass the minimum under include', () => {
    fc.assert(
      fc.property(candidatesArb, gateArb, (candidates, gate) => {
        const out = applyGate(candidates, gate);
        const withResult = out.filter((o) => o.score !== null).length;
        const limit = topLimit(gate.top, withResult);
        const passedMinimum = out.filter((o) => o.score !== null && o.reason !== 'below_minimum').length;
        const through = out.filter((o) => o.advanced).length;
        if (gate.ties === 'exclude') expect(through).toBeLessThanOrEqual(limit);
        else expect(through).toBeGreaterThanOrEqual(Math.min(limit, passedMinimum));
        expect(out).toHaveLength(candidates.length);
      }),
      RUNS,
    );
  });
});

describe('weightedScore', () => {
  it('is the two-score final score when two stages are weighted as the test and the interview', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 10_000),
        fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 10_000),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 10 }),
        (test, interview, tw, iw) => {
          expect(
            weightedScore([
              { score: test, weight: tw },
              { score: interview, weight: iw },
            ]),
          ).toBe(finalScore(test, interview, { test: tw, interview: iw }));
        },
      ),
      RUNS,
    );
  });

  it('ignores a stage weighted 0 and refuses all-zero weights', () => {
    expect(
      weightedScore([
        { score: 10, weight: 0 },
        { score: 80, weight: 2 },
      ]),
    ).toBe(80);
    expect(() => weightedScore([{ score: 10, weight: 0 }])).toThrow(RangeError);
  });
});
