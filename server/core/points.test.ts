import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundPoints } from './points';

describe('roundPoints', () => {
  it.each([
    [3, 3],
    [89.5, 89.5],
    [2.3333333333333335, 2.33],
    [2.6666666666666665, 2.67],
    [1.005, 1.01],
    [2.675, 2.68],
    [0.125, 0.13],
    [1.0049, 1],
    [1.004999, 1],
    [2.999, 3],
    [-0.5, -0.5],
    [-1.005, -1.01],
    [-0.001, 0],
    [0, 0],
    [1e-7, 0],
    [123456789.125, 123456789.13],
    [1e21, 1e21],
  ])('%d → %d', (value, expected) => {
    expect(Object.is(roundPoints(value), expected)).toBe(true);
  });

  it('leaves what is not a number of points as it is', () => {
    expect(roundPoints(Number.NaN)).toBeNaN();
    expect(roundPoints(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });

  it('gives at most two decimals, within half a hundredth, symmetric about zero, and is idempotent', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (value) => {
        const rounded = roundPoints(value);
        expect(Math.abs(rounded - value)).toBeLessThanOrEqual(0.005 + 1e-9 * Math.max(1, Math.abs(value)));
        expect(String(rounded)).toMatch(/^-?\d+(\.\d{1,2})?$/);
        expect(roundPoints(rounded)).toBe(rounded);
        expect(roundPoints(-value)).toBe(rounded === 0 ? 0 : -rounded);
      }),
    );
  });

  it('keeps a number that already has two decimals exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), (hundredths) => {
        const value = Number(`${hundredths}e-2`);
        expect(roundPoints(value)).toBe(value);
      }),
    );
  });
});
