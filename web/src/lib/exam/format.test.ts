import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundPoints } from '../../../../server/core/points';
import { formatPoints } from './format';

describe('formatPoints', () => {
  it.each([
    [42, 'az', '42'],
    [12.5, 'az', '12,5'],
    [12.5, 'en', '12.5'],
    [1 / 3, 'ru', '0,33'],
    [0, 'en', '0'],
    // Two decimals that round to a whole number show as one, and a decimal half goes up.
    [2.999, 'en', '3'],
    [1.005, 'az', '1,01'],
    [-0.001, 'en', '0'],
  ] as const)('%d in %s → %s', (value, locale, text) => {
    expect(formatPoints(value, locale)).toBe(text);
  });

  it('shows what the register’s CSV and JSON write: the server’s roundPoints, with the locale’s decimal mark', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (value) => {
        expect(formatPoints(value, 'en')).toBe(String(roundPoints(value)));
        expect(formatPoints(value, 'az')).toBe(String(roundPoints(value)).replace('.', ','));
      }),
      { numRuns: 2_000 },
    );
  });
});
