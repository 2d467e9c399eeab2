/**
 * The exam's timetable rules (DESIGN.md rule 1): pure functions of the sitting's times and a given
 * "now", so that the server, the tests and the live board all read the clock the same way.
 */

export interface SittingTimes {
  status: 'draft' | 'booking' | 'closed';
  bookingClosesAt: Date;
  startsAt: Date;
  entryClosesAt: Date;
  endsAt: Date;
}

export type SittingPhase = 'draft' | 'booking' | 'booking-ended' | 'scheduled' | 'entry' | 'running' | 'finished';

/** Where a sitting stands at `now`: its stored status read against the clock. */
export function sittingPhase(sitting: SittingTimes, now: Date): SittingPhase {
  const t = now.getTime();
  switch (sitting.status) {
    case 'draft':
      return 'draft';
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
  const allowedMs = Math.floor((input.durationMinutes * 60 * (100 + input.extraTimePercent)) / 100) * 1000;
  return new Date(Math.min(input.startedAt.getTime() + allowedMs, input.endsAt.getTime()));
}

/** Whether a write at `now` still counts: until the deadline plus the grace for requests in flight. */
export function withinGrace(deadline: Date, graceMs: number, now: Date): boolean {
  return now.getTime() <= deadline.getTime() + graceMs;
}
