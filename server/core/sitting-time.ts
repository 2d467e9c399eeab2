/**
 * The exam's timetable rules (DESIGN.md rule 1): pure functions of the sitting's times and a given
 * "now", so that the server, the tests and the live board all read the clock the same way.
 */

export interface SittingTimes {
  status: 'draft' | 'booking' | 'closed' | 'cancelled';
  bookingClosesAt: Date;
  startsAt: Date;
  entryClosesAt: Date;
  endsAt: Date;
}

export type SittingPhase =
  'draft' | 'booking' | 'booking-ended' | 'scheduled' | 'entry' | 'running' | 'finished' | 'cancelled';

/** Where a sitting stands at `now`: its stored status read against the clock. */
export function sittingPhase(sitting: SittingTimes, now: Date): SittingPhase {
  const t = now.getTime();
  switch (sitting.status) {
    case 'draft':
      return 'draft';
    case 'cancelled':
      return 'cancelled';
    case 'booking':
      return t < sitting.bookingClosesAt.getTime() ? 'booking' : 'booking-ended';
    case 'closed':
      if (t < sitting.startsAt.getTime()) return 'scheduled';
      // The entry window includes its closing moment: [startsAt, entryClosesAt].
      if (t <= sitting.entryClosesAt.getTime()) return 'entry';
      if (t < sitting.endsAt.getTime()) return 'running';
      return 'finished';
  }
}

/** Why a candidate may not start now, or null when they may. */
export type StartRefusal = 'entry_not_open' | 'entry_closed' | 'finished';

export function startRefusal(sitting: SittingTimes, now: Date): StartRefusal | null {
  const t = now.getTime();
  if (sitting.status === 'cancelled') return 'finished';
  if (t < sitting.startsAt.getTime()) return 'entry_not_open';
  if (t >= sitting.endsAt.getTime()) return 'finished';
  if (t > sitting.entryClosesAt.getTime()) return 'entry_closed';
  return null;
}

/**
 * The deadline fixed at start: the duration stretched by the accommodation, capped by the sitting's
 * end. Whole seconds are kept (rounded down) so the stored value is the one every reader computes.
 */
export function attemptDeadline(input: {
  startedAt: Date;
  durationMinutes: number;
  extraTimePercent: number;
  endsAt: Date;
}): Date {
  const allowedMs = accommodatedMs(input.durationMinutes, input.extraTimePercent);
  return new Date(Math.min(input.startedAt.getTime() + allowedMs, input.endsAt.getTime()));
}

/** The time a candidate is allowed: the duration stretched by the accommodation, in whole seconds. */
export function accommodatedMs(durationMinutes: number, extraTimePercent: number): number {
  return Math.floor((durationMinutes * 60 * (100 + extraTimePercent)) / 100) * 1000;
}

/** Why a shift cannot honour its test: it is shorter than the test, or than its longest accommodation. */
export interface ShiftShortfall {
  code: 'shorter_than_test' | 'cuts_accommodation';
  /** Whole minutes the shift must leave after entry closes. */
  neededMinutes: number;
  /** Whole minutes it leaves. */
  availableMinutes: number;
}

/**
 * Whether the shift's end leaves room for every booked candidate's whole time (DESIGN.md rule 14): a
 * candidate may start as late as entry closes, so from then until the end there must be the test's
 * duration stretched by the largest extra time granted. Anything less would cut someone's time
 * silently at the end (the deadline is capped by it), so it is refused, with the minutes, instead.
 */
export function shiftShortfall(input: {
  entryClosesAt: Date;
  endsAt: Date;
  durationMinutes: number;
  largestExtraTimePercent: number;
}): ShiftShortfall | null {
  const available = input.endsAt.getTime() - input.entryClosesAt.getTime();
  const needed = accommodatedMs(input.durationMinutes, input.largestExtraTimePercent);
  if (available >= needed) return null;
  return {
    code: available < accommodatedMs(input.durationMinutes, 0) ? 'shorter_than_test' : 'cuts_accommodation',
    neededMinutes: Math.ceil(needed / 60_000),
    availableMinutes: Math.floor(Math.max(0, available) / 60_000),
  };
}

/** Whether a write at `now` still counts: until the deadline plus the grace for requests in flight. */
export function withinGrace(deadline: Date, graceMs: number, now: Date): boolean {
  return now.getTime() <= deadline.getTime() + graceMs;
}
