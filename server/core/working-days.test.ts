import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bakuDay, bakuMonth, isIsoDay, isWorkingDay, responseTarget } from './working-days';

const NONE = new Set<string>();
const NOVRUZ = new Set(['2026-03-20', '2026-03-23', '2026-03-24']);

describe('Baku calendar days', () => {
  it('reads the day and month in Baku (UTC+4), not in UTC', () => {
    expect(bakuDay(new Date('2026-03-31T19:59:59Z'))).toBe('2026-03-31');
    expect(bakuDay(new Date('2026-03-31T20:00:00Z'))).toBe('2026-04-01');
    expect(bakuMonth(new Date('2026-03-31T20:00:00Z'))).toBe('2026-04');
  });

  it('knows weekends and listed holidays', () => {
    expect(isWorkingDay('2026-03-06', NONE)).toBe(true); // Friday
    expect(isWorkingDay('2026-03-07', NONE)).toBe(false); // Saturday
    expect(isWorkingDay('2026-03-08', NONE)).toBe(false); // Sunday
    expect(isWorkingDay('2026-03-20', NOVRUZ)).toBe(false);
    expect(isWorkingDay('2026-03-20', NONE)).toBe(true);
  });

  it('accepts only real days as holiday entries', () => {
    expect(isIsoDay('2026-05-28')).toBe(true);
    expect(isIsoDay('2026-02-30')).toBe(false);
    expect(isIsoDay('2026-5-28')).toBe(false);
  });
});

describe('responseTarget', () => {
  it.each([
    // received (UTC), working days, due by the end of (Baku day)
    ['2026-03-02T08:00:00Z', 3, '2026-03-05'], // Monday → Thursday
    ['2026-03-06T15:00:00Z', 3, '2026-03-11'], // Friday → Wednesday
    ['2026-03-07T10:00:00Z', 3, '2026-03-11'], // Saturday → Wednesday
    ['2026-03-06T20:30:00Z', 1, '2026-03-09'], // 00:30 Saturday in Baku → Monday
    ['2026-03-05T21:00:00Z', 1, '2026-03-09'], // 01:00 Friday in Baku → Monday
  ])('%s + %i working days → end of %s', (received, days, due) => {
    const target = responseTarget(new Date(received), days, NONE);
    expect(bakuDay(new Date(target.getTime() - 1))).toBe(due);
    expect(bakuDay(target)).not.toBe(due);
  });

  it('skips public holidays', () => {
    // Thursday 19 March before Novruz: Friday 20, Monday 23 and Tuesday 24 are holidays.
    const target = responseTarget(new Date('2026-03-19T08:00:00Z'), 3, NOVRUZ);
    expect(target.toISOString()).toBe('2026-03-27T20:00:00.000Z'); // end of Friday 27 March, Baku
  });

  it('refuses a target that is not a positive whole number of days', () => {
    expect(() => responseTarget(new Date(), 0, NONE)).toThrow(RangeError);
    expect(() => responseTarget(new Date(), 1.5, NONE)).toThrow(RangeError);
  });

  it('is always later than the receipt, ends at a Baku midnight, and spans exactly the asked working days', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 20 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 1460 }), { maxLength: 40 }),
        (received, days, offsets) => {
          const holidays = new Set(
            offsets.map((o) => new Date(Date.UTC(2025, 0, 1) + o * 86_400_000).toISOString().slice(0, 10)),
          );
          const target = responseTarget(received, days, holidays);
          expect(target.getTime()).toBeGreaterThan(received.getTime());
          expect((target.getTime() + 4 * 3_600_000) % 86_400_000).toBe(0);
          const lastDay = bakuDay(new Date(target.getTime() - 1));
          expect(isWorkingDay(lastDay, holidays)).toBe(true);
          let counted = 0;
          for (let t = received.getTime() + 86_400_000; bakuDay(new Date(t)) <= lastDay; t += 86_400_000) {
            if (bakuDay(new Date(t)) > bakuDay(received) && isWorkingDay(bakuDay(new Date(t)), holidays)) counted++;
          }
          expect(counted).toBe(days);
        },
      ),
      { numRuns: 300 },
    );
  });
});
