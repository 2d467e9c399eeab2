import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseItems, type ItemAnalysis, type StatAttempt, type StatItem } from './item-statistics/index';

const RUNS = { numRuns: 300 };

/** A fixed-form test: items with maxima 1–3 and each attempt's marks in whole or half marks. */
const testArb = fc
  .record({ items: fc.integer({ min: 2, max: 8 }), attempts: fc.integer({ min: 4, max: 40 }) })
  .chain(({ items, attempts }) =>
    fc.record({
      maxima: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: items, maxLength: items }),
      marks: fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: items, maxLength: items }), {
        minLength: attempts,
        maxLength: attempts,
      }),
      languages: fc.array(fc.constantFrom('az', 'ru'), { minLength: attempts, maxLength: attempts }),
    }),
  )
  .map(({ maxima, marks, languages }) => {
    const items: StatItem[] = maxima.map((maxMark, i) => ({
      id: `q${i}`,
      maxMark,
      section: i % 2,
      options: ['a', 'b', 'c'],
      key: ['a'],
    }));
    const attempts: StatAttempt[] = marks.map((row, a) => ({
      id: `A${String(a).padStart(3, '0')}`,
      language: languages[a],
      form: `F${a % 2}`,
      responses: row.map((m, i) => {
        const mark = Math.min(maxima[i]!, m / 2);
        return { item: `q${i}`, mark, chosen: mark === maxima[i] ? ['a'] : mark === 0 ? ['b'] : ['c'] };
      }),
    }));
    return { items, attempts };
  });

function shuffled<T>(values: readonly T[], seed: number): T[] {
  const out = [...values];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Deep equality with numbers compared to 1e-9 relative, so summation order does not matter. */
function expectClose(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
    if (Math.abs(actual - expected) > tolerance) expect.fail(`${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, path).toBe(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, `${path}[${i}]`));
    return;
  }
  if (expected && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected))
      expectClose((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

const options = { difMinGroup: 2, formMinSize: 2 };

describe('item statistics: properties', () => {
  it('keeps every measure within its bounds', () => {
    fc.assert(
      fc.property(testArb, ({ items, attempts }) => {
        const r: ItemAnalysis = analyseItems(items, attempts, options);
        expect(r.test.attempts).toBe(attempts.length);
        expect(r.histogram.reduce((s, b) => s + b.count, 0)).toBe(attempts.length);
        if (r.test.cic !== null) {
          expect(r.test.cic).toBeLessThanOrEqual(100 + 1e-9);
          expect(r.test.cicLower!).toBeLessThanOrEqual(r.test.cic + 1e-9);
          expect(r.test.cicUpper!).toBeGreaterThanOrEqual(r.test.cic - 1e-9);
          expect(r.test.standardError!).toBeGreaterThanOrEqual(0);
        }
        expect(r.test.median!).toBeGreaterThanOrEqual(0);
        expect(r.test.median!).toBeLessThanOrEqual(r.test.maxMark);
        let weights = 0;
        let allNonNegative = true;
        for (const item of r.items) {
          expect(item.facility!).toBeGreaterThanOrEqual(0);
          expect(item.facility!).toBeLessThanOrEqual(1);
          if (item.sd !== null) expect(item.sd).toBeLessThanOrEqual(1);
          if (item.discriminationIndex !== null) {
            expect(Math.abs(item.discriminationIndex)).toBeLessThanOrEqual(100);
          }
          if (item.discriminativeEfficiency !== null) {
            expect(item.discriminativeEfficiency).toBeLessThanOrEqual(100 + 1e-7);
            // Same sign as the correlation it rescales.
            expect(Math.sign(Math.round(item.discriminativeEfficiency * 1e6))).toBe(
              Math.sign(Math.round(item.discriminationIndex! * 1e6)),
            );
          }
          if (item.upperLowerDiscrimination !== null)
            expect(Math.abs(item.upperLowerDiscrimination)).toBeLessThanOrEqual(1);
          if (item.effectiveWeight === null) allNonNegative = false;
          else weights += item.effectiveWeight;
          expect(item.options.reduce((s, o) => s + o.count, 0) + item.omitted).toBe(item.attempts);
          for (const o of item.options)
            if (o.pointBiserial !== null) expect(Math.abs(o.pointBiserial)).toBeLessThanOrEqual(1);
        }
        // Moodle's effective weights share 100 % when no item covaries negatively with the total.
        if (allNonNegative && weights > 0) expect(weights).toBeCloseTo(100, 6);
        const intended = r.items.reduce((s, i) => s + i.intendedWeight, 0);
        expect(intended).toBeCloseTo(100, 9);
        expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
      }),
      RUNS,
    );
  });

  it('does not depend on the order of the attempts', () => {
    fc.assert(
      fc.property(testArb, fc.integer(), ({ items, attempts }, seed) => {
        expectClose(analyseItems(items, shuffled(attempts, seed), options), analyseItems(items, attempts, options));
      }),
      RUNS,
    );
  });

  it('does not depend on the order of the items (on the paper or in the list)', () => {
    fc.assert(
      fc.property(testArb, fc.integer(), ({ items, attempts }, seed) => {
        const slotOrder = shuffled([...items.keys()], seed);
        const permuted = attempts.map((a) => ({ ...a, responses: slotOrder.map((s) => a.responses[s]!) }));
        const a = analyseItems(items, attempts, options);
        const b = analyseItems(shuffled(items, seed + 1), permuted, options);
        expectClose(b.test, a.test);
        expectClose(b.sections, a.sections);
        expectClose(b.items, a.items);
        expectClose(b.dif, a.dif);
        expectClose(b.histogram, a.histogram);
      }),
      RUNS,
    );
  });

  it('gives a perfect Guttman pattern maximal discrimination', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 1000 }), { minLength: 2, maxLength: 10 }),
        fc.array(fc.integer({ min: 0, max: 1001 }), { minLength: 4, maxLength: 60 }),
        (difficulties, abilities) => {
          const items = difficulties.map((_, i) => ({ id: `q${i}`, maxMark: 1 }));
          const attempts: StatAttempt[] = abilities.map((ability, a) => ({
            id: `A${a}`,
            responses: difficulties.map((d, i) => ({ item: `q${i}`, mark: ability > d ? 1 : 0 })),
          }));
          const r = analyseItems(items, attempts);
          for (const item of r.items) {
            if (item.discriminativeEfficiency === null) continue;
            expect(item.discriminativeEfficiency).toBeCloseTo(100, 9);
            expect(item.discriminationIndex!).toBeGreaterThan(0);
            // Everyone in the upper group scores at least as high on the item as anyone in the lower one.
            expect(item.upperFacility!).toBeGreaterThanOrEqual(item.lowerFacility!);
          }
          expect(r.items.flatMap((i) => i.flags.map((f) => f.code))).not.toContain('negative-discrimination');
        },
      ),
      RUNS,
    );
  });
});
