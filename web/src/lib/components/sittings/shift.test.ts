import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accommodatedMs, shiftShortfall } from '../../../../../server/core/sitting-time';
import { accommodatedMinutes, maxExtraPercent, minutesAfterEntry } from './shift';

const sitting = (afterEntryMinutes: number, durationMinutes: number) => ({
  entryClosesAt: '2027-01-15T06:30:00.000Z',
  endsAt: new Date(Date.parse('2027-01-15T06:30:00.000Z') + afterEntryMinutes * 60_000).toISOString(),
  durationMinutes,
});

describe('the shift as the pages word it', () => {
  it('says the DİM shift of 225 minutes after entry holds the 180-minute test with at most 25 %', () => {
    expect(minutesAfterEntry(sitting(225, 180))).toBe(225);
    expect(maxExtraPercent(sitting(225, 180))).toBe(25);
    expect(accommodatedMinutes(180, 25)).toBe(225);
  });

  it('says a 16-minute shift cannot hold a 45-minute test', () => {
    expect(maxExtraPercent(sitting(16, 45))).toBe(-1);
  });

  it('agrees with the server: the largest percentage offered is accepted, one more is refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 900 }), (duration, after) => {
        const s = sitting(after, duration);
        const max = maxExtraPercent(s);
        const check = (percent: number) =>
          shiftShortfall({
            entryClosesAt: new Date(s.entryClosesAt),
            endsAt: new Date(s.endsAt),
            durationMinutes: duration,
            largestExtraTimePercent: percent,
          });
        if (max < 0) expect(check(0)).not.toBeNull();
        else {
          expect(check(max)).toBeNull();
          if (max < 200) expect(check(max + 1)).not.toBeNull();
          expect(accommodatedMs(duration, max)).toBeLessThanOrEqual(after * 60_000);
        }
      }),
    );
  });
});
