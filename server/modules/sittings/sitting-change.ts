import type { Sitting, SittingChange } from '../../../db/schema/index';
import type { ShiftShortfall } from '../../core/sitting-time';
import type { FieldProblem } from '../../errors';
import type { SittingChangeView } from './sittings.schemas';

/* A sitting's timetable changes as the API shows them, and the refusal of a shift too short for its test. */

/** The refusal of a shift that cannot honour its test, beside the field that sets the end. */
export function shiftProblem(shortfall: ShiftShortfall, field = 'endsAt'): FieldProblem {
  const { neededMinutes, availableMinutes } = shortfall;
  return {
    field,
    code: shortfall.code,
    message:
      shortfall.code === 'shorter_than_test'
        ? `The shift leaves ${availableMinutes} minutes after entry closes; the test takes ${neededMinutes}.`
        : `The shift leaves ${availableMinutes} minutes after entry closes; the longest accommodated time is ${neededMinutes}.`,
  };
}

export const timesOf = (sitting: Pick<Sitting, 'startsAt' | 'entryClosesAt' | 'endsAt' | 'bookingClosesAt'>) => ({
  startsAt: sitting.startsAt.toISOString(),
  entryClosesAt: sitting.entryClosesAt.toISOString(),
  endsAt: sitting.endsAt.toISOString(),
  bookingClosesAt: sitting.bookingClosesAt.toISOString(),
});

export function changeView(change: SittingChange): SittingChangeView {
  return {
    kind: change.kind,
    reason: change.reason,
    changedAt: change.changedAt.toISOString(),
    previous: change.previous,
    next: change.next ?? null,
    bookings: change.bookingIds.length,
  };
}
