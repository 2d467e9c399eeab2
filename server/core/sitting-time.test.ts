import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  accommodatedMs,
  attemptDeadline,
  shiftShortfall,
  sittingPhase,
  startRefusal,
  withinGrace,
  type SittingTimes,
} from './sitting-time';

const at = (hhmm: string) => new Date(`2026-12-15T${hhmm}:00Z`);
const sitting: SittingTimes = {
  status: 'closed',
  bookingClosesAt: at('06:00'),
  startsAt: at('10:00'),
  entryClosesAt: at('10:30'),
  endsAt: at('13:30'),
};

describe('sittingPhase', () => {
  it.each([
    ['09:59', 'scheduled'],
    ['10:00', 'entry'],
    ['10:29', 'entry'],
    ['10:30', 'entry'],
    ['10:31', 'running'],
    ['13:29', 'running'],
    ['13:30', 'finished'],
  ] as const)('closed sitting at %s is %s', (time, phase) => {
    expect(sittingPhase(sitting, at(time))).toBe(phase);
  });

  it('tells open booking from a booking whose deadline has passed', () => {
    expect(sittingPhase({ ...sitting, status: 'booking' }, at('05:59'))).toBe('booking');
    expect(sittingPhase({ ...sitting, status: 'booking' }, at('06:00'))).toBe('booking-ended');
    expect(sittingPhase({ ...sitting, status: 'draft' }, at('11:00'))).toBe('draft');
  });
});

describe('startRefusal', () => {
  it.each([
    ['09:59', 'entry_not_open'],
    ['10:00', null],
    ['10:29', null],
    ['10:30', null],
    ['10:31', 'entry_closed'],
    ['13:30', 'finished'],
  ] as const)('at %s: %s', (time, refusal) => {
    expect(startRefusal(sitting, at(time))).toBe(refusal);
  });
});

describe('attemptDeadline', () => {
  it.each([
    ['is the duration after the start', '10:05', 180, 0, '14:00', '13:05'],
    ['stretches the duration by the accommodation', '10:00', 60, 25, '14:00', '11:15'],
    ['never runs past the sitting end', '10:20', 180, 50, '13:30', '13:30'],
  ] as const)('%s', (_name, startedAt, durationMinutes, extraTimePercent, endsAt, expected) => {
    const deadline = attemptDeadline({
      startedAt: at(startedAt),
      durationMinutes,
      extraTimePercent,
      endsAt: at(endsAt),
    });
    expect(deadline).toEqual(at(expected));
  });

  it('is after the start, within the allowance and whole seconds, for any input', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 100_000_000 }),
        (startSeconds, duration, extra, endAfterMs) => {
          const startedAt = new Date(startSeconds * 1000);
          const endsAt = new Date(startedAt.getTime() + endAfterMs);
          const deadline = attemptDeadline({ startedAt, durationMinutes: duration, extraTimePercent: extra, endsAt });
          expect(deadline.getTime()).toBeGreaterThan(startedAt.getTime() - 1);
          expect(deadline.getTime()).toBeLessThanOrEqual(endsAt.getTime());
          expect(deadline.getTime() - startedAt.getTime()).toBeLessThanOrEqual(
            (duration * 60_000 * (100 + extra)) / 100,
          );
          if (deadline.getTime() < endsAt.getTime()) expect(deadline.getTime() % 1000).toBe(0);
        },
      ),
    );
  });
});

describe('withinGrace', () => {
  it('accepts up to the deadline plus the grace, not after', () => {
    const deadline = at('11:00');
    expect(withinGrace(deadline, 5000, new Date(deadline.getTime() + 5000))).toBe(true);
    expect(withinGrace(deadline, 5000, new Date(deadline.getTime() + 5001))).toBe(false);
  });
});

describe('shiftShortfall', () => {
  const entryClosesAt = new Date('2027-01-15T06:30:00Z');
  const ends = (minutes: number) => new Date(entryClosesAt.getTime() + minutes * 60_000);

  it('accepts a shift that leaves the longest accommodated time after entry closes', () => {
    expect(
      shiftShortfall({ entryClosesAt, endsAt: ends(225), durationMinutes: 180, largestExtraTimePercent: 25 }),
    ).toBeNull();
  });

  it('refuses one that would cut the extra time, naming the minutes', () => {
    expect(
      shiftShortfall({ entryClosesAt, endsAt: ends(180), durationMinutes: 180, largestExtraTimePercent: 25 }),
    ).toEqual({ code: 'cuts_accommodation', neededMinutes: 225, availableMinutes: 180 });
  });

  it('refuses one shorter than the test itself', () => {
    expect(
      shiftShortfall({ entryClosesAt, endsAt: ends(16), durationMinutes: 45, largestExtraTimePercent: 0 }),
    ).toEqual({ code: 'shorter_than_test', neededMinutes: 45, availableMinutes: 16 });
  });

  it('agrees with the deadline: an accepted shift never caps a start within the entry window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 0, max: 120 }),
        (duration, percent, shiftMinutes, startBeforeClose) => {
          const endsAt = ends(shiftMinutes);
          const input = { entryClosesAt, endsAt, durationMinutes: duration, largestExtraTimePercent: percent };
          if (shiftShortfall(input) !== null) return;
          const startedAt = new Date(entryClosesAt.getTime() - startBeforeClose * 60_000);
          const deadline = attemptDeadline({ startedAt, durationMinutes: duration, extraTimePercent: percent, endsAt });
          expect(deadline.getTime()).toBe(startedAt.getTime() + accommodatedMs(duration, percent));
        },
      ),
    );
  });
});
