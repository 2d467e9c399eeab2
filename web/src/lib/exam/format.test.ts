import { describe, expect, it } from 'vitest';
import { formatPoints } from './format';

describe('formatPoints', () => {
  it.each([
    [42, 'az', '42'],
    [12.5, 'az', '12,5'],
    [12.5, 'en', '12.5'],
    [1 / 3, 'ru', '0,33'],
    [0, 'en', '0'],
  ] as const)('%d in %s → %s', (value, locale, text) => {
    expect(formatPoints(value, locale)).toBe(text);
  });
});
