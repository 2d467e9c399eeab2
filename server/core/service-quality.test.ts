import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestRank, serviceQuality, type QuestionFact, type RatingFact } from './service-quality';

const H = 3_600_000;
const at = (iso: string) => new Date(iso);
const NOW = at('2026-04-15T12:00:00Z');

describe('nearestRank', () => {
  it.each([
    [[1], 0.5, 1],
    [[1, 2], 0.5, 1],
    [[1, 2, 3], 0.5, 2],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9, 10],
    [[5, 7], 1, 7],
  ])('%j at %f → %f', (values, p, expected) => expect(nearestRank(values, p)).toBe(expected));

  it('refuses no values and a p outside (0, 1]', () => {
    expect(() => nearestRank([], 0.5)).toThrow(RangeError);
    expect(() => nearestRank([1], 0)).toThrow(RangeError);
    expect(() => nearestRank([1], 1.5)).toThrow(RangeError);
  });
});

describe('serviceQuality', () => {
  const received = at('2026-03-02T08:00:00Z');
  const target = at('2026-03-05T20:00:00Z');
  const q = (hours: number | null, overrides: Partial<QuestionFact> = {}): QuestionFact => ({
    topic: 'exam',
    receivedAt: received,
    firstAnsweredAt: hours === null ? null : new Date(received.getTime() + hours * H),
    targetAt: target,
    ...overrides,
  });

  it('counts, times and shares one topic-month', () => {
    const questions = [q(2), q(10), q(30), q(100), q(null)];
    const ratings: RatingFact[] = [
      { topic: 'exam', ratedAt: at('2026-03-10T10:00:00Z'), score: 5 },
      { topic: 'exam', ratedAt: at('2026-03-11T10:00:00Z'), score: 2 },
    ];
    const [row, ...rest] = serviceQuality(questions, ratings, NOW);
    expect(rest).toEqual([]);
    expect(row).toEqual({
      month: '2026-03',
      topic: 'exam',
      received: 5,
      answered: 4,
      medianHours: 10,
      p90Hours: 100,
      // 2, 10 and 30 hours are within the target (84 h away); 100 hours is not; the open one is overdue.
      withinTarget: 0.6,
      due: 5,
      ratings: 2,
      satisfaction: 3.5,
    });
  });

  it('leaves an open question not yet due out of the share', () => {
    const open = q(null, { receivedAt: at('2026-04-14T08:00:00Z'), targetAt: at('2026-04-17T20:00:00Z') });
    const [row] = serviceQuality([open], [], NOW);
    expect(row).toMatchObject({ month: '2026-04', received: 1, answered: 0, due: 0, withinTarget: null });
    expect(row!.medianHours).toBeNull();
  });

  it('groups by the Baku month and orders newest month first, topics in the given order', () => {
    const rows = serviceQuality(
      [
        q(1, { topic: 'other' }),
        q(1, { topic: 'exam' }),
        q(1, { receivedAt: at('2026-03-31T20:30:00Z'), targetAt: at('2026-04-03T20:00:00Z') }),
      ],
      [],
      NOW,
      ['registration', 'exam', 'other'],
    );
    expect(rows.map((r) => `${r.month} ${r.topic}`)).toEqual(['2026-04 exam', '2026-03 exam', '2026-03 other']);
  });

  const questionArb = fc.record({
    topic: fc.constantFrom('exam', 'results', 'other'),
    receivedAt: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 5, 1) }),
    wait: fc.option(fc.integer({ min: 0, max: 400 * H }), { nil: null }),
    target: fc.integer({ min: 1 * H, max: 200 * H }),
  });
  const ratingArb = fc.record({
    topic: fc.constantFrom('exam', 'results', 'other'),
    ratedAt: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 5, 1) }),
    score: fc.integer({ min: 1, max: 5 }),
  });
  const facts = (raw: { topic: string; receivedAt: number; wait: number | null; target: number }[]) =>
    raw.map((r): QuestionFact => ({
      topic: r.topic,
      receivedAt: new Date(r.receivedAt),
      firstAnsweredAt: r.wait === null ? null : new Date(r.receivedAt + r.wait),
      targetAt: new Date(r.receivedAt + r.target),
    }));

  it('keeps every question and rating, in bounds, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.array(questionArb, { maxLength: 60 }),
        fc.array(ratingArb, { maxLength: 30 }),
        (raw, rawRatings) => {
          const questions = facts(raw);
          const ratings = rawRatings.map((r) => ({ ...r, ratedAt: new Date(r.ratedAt) }));
          const rows = serviceQuality(questions, ratings, new Date(Date.UTC(2026, 3, 1)));
          expect(rows.reduce((s, r) => s + r.received, 0)).toBe(questions.length);
          expect(rows.reduce((s, r) => s + r.answered, 0)).toBe(questions.filter((x) => x.firstAnsweredAt).length);
          expect(rows.reduce((s, r) => s + r.ratings, 0)).toBe(ratings.length);
          for (const row of rows) {
            expect(row.answered).toBeLessThanOrEqual(row.received);
            expect(row.due).toBeGreaterThanOrEqual(row.answered);
            expect(row.due).toBeLessThanOrEqual(row.received);
            if (row.withinTarget !== null) {
              expect(row.withinTarget).toBeGreaterThanOrEqual(0);
              expect(row.withinTarget).toBeLessThanOrEqual(1);
            }
            if (row.medianHours !== null) expect(row.medianHours).toBeLessThanOrEqual(row.p90Hours!);
            expect(row.medianHours === null).toBe(row.answered === 0);
            if (row.satisfaction !== null) {
              expect(row.satisfaction).toBeGreaterThanOrEqual(1);
              expect(row.satisfaction).toBeLessThanOrEqual(5);
            }
          }
          const keys = rows.map((r) => `${r.month}|${r.topic}`);
          expect(new Set(keys).size).toBe(keys.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order the facts come in', () => {
    fc.assert(
      fc.property(
        fc.array(questionArb, { maxLength: 40 }),
        fc.array(ratingArb, { maxLength: 20 }),
        (raw, rawRatings) => {
          const questions = facts(raw);
          const ratings = rawRatings.map((r) => ({ ...r, ratedAt: new Date(r.ratedAt) }));
          const now = new Date(Date.UTC(2026, 3, 1));
          expect(serviceQuality([...questions].reverse(), [...ratings].reverse(), now)).toEqual(
            serviceQuality(questions, ratings, now),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never lowers the share when an answer comes sooner', () => {
    fc.assert(
      fc.property(fc.array(questionArb, { minLength: 1, maxLength: 30 }), fc.nat(), (raw, pick) => {
        const questions = facts(raw);
        const i = pick % questions.length;
        const sooner = questions.map((x, j) =>
          j === i ? { ...x, firstAnsweredAt: new Date(x.receivedAt.getTime()) } : x,
        );
        const now = new Date(Date.UTC(2026, 3, 1));
        const share = (rows: ReturnType<typeof serviceQuality>) =>
          rows.reduce((s, r) => s + (r.withinTarget ?? 0) * r.due, 0);
        expect(share(serviceQuality(sooner, [], now))).toBeGreaterThanOrEqual(
          share(serviceQuality(questions, [], now)) - 1e-9,
        );
      }),
      { numRuns: 200 },
    );
  });
});
