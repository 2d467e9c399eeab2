import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PointScale, readDecimal } from './exact-points';

describe('readDecimal', () => {
  it.each<[number, bigint, number]>([
    [1, 1n, 0],
    [0.1, 1n, 1],
    [0.25, 25n, 2],
    [-1.5, -15n, 1],
    [0, 0n, 0],
    [1e-7, 1n, 7],
    [1.5e-7, 15n, 8],
    [1e21, 10n ** 21n, 0],
    [2.5e22, 25n * 10n ** 21n, 0],
  ])('%d is %d / 10^%d', (value, digits, scale) => {
    expect(readDecimal(value)).toEqual({ digits, scale });
  });

  it('reads every number back exactly as it prints', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const { digits, scale } = readDecimal(value);
        expect(Number(`${digits}e-${scale}`)).toBe(value === 0 ? 0 : value);
      }),
    );
  });

  it('refuses what is not a finite number', () => {
    expect(() => readDecimal(Number.NaN)).toThrow(RangeError);
    expect(() => readDecimal(Infinity)).toThrow(RangeError);
  });
});

describe('PointScale', () => {
  it('covers the decimals and the divisors given', () => {
    const scale = PointScale.covering([0.25, 1, 0.1], [3, 2]);
    expect(scale.unitsPerPoint).toBe(600n);
    expect(scale.units(0.25)).toBe(150n);
    expect(scale.fraction(scale.units(1), 2, 3)).toBe(400n);
    expect(() => scale.fraction(scale.units(1), 1, 7)).toThrow(RangeError);
  });

  it('adds exactly, in any order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: -10_000, max: 10_000 }).map((n) => n / 100),
          { maxLength: 30 },
        ),
        (values) => {
          const scale = PointScale.covering(values, []);
          const sum = (vs: number[]) => vs.reduce((acc, v) => acc + scale.units(v), 0n);
          const exactCents = values.reduce((acc, v) => acc + Math.round(v * 100), 0);
          expect(scale.toPoints(sum(values))).toBe(exactCents / 100);
          expect(sum([...values].reverse())).toBe(sum(values));
        },
      ),
    );
  });

  it.each<[bigint, number]>([
    [2n, 0.6666],
    [1n, 0.3333],
    [-1n, -0.3334],
    [-2n, -0.6667],
    [3n, 1],
    [0n, 0],
  ])('reports %d thirds rounded down to four decimals: %d', (thirds, points) => {
    const scale = PointScale.covering([1], [3]);
    expect(scale.toPoints(scale.fraction(scale.units(1), Number(thirds), 3))).toBe(points);
  });

  it('never reports -0', () => {
    const scale = PointScale.covering([0.5], []);
    expect(Object.is(scale.toPoints(0n), 0)).toBe(true);
    expect(Object.is(scale.toPoints(-0n), 0)).toBe(true);
  });
});
