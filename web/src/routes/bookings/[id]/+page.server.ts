import { fail, redirect } from '@sveltejs/kit';
import type { ApiError } from '$lib/api';
import { conflictCode, examApi } from '$lib/api/exam';
import { loadFailure, messageFor } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { MessageKey } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'applicant');
  const booking = await examApi(event).booking(event.params.id);
  if (!booking.ok) loadFailure(booking, 'Booking not found');
  return { booking: booking.data, booked: event.url.searchParams.has('booked') };
};

const REFUSALS: Record<string, MessageKey> = {
  'booking.deadline_passed': 'exam.booking.refused.deadlinePassed',
  'booking.cancelled': 'exam.booking.refused.cancelled',
  'attempt.not_ready': 'exam.booking.refused.notReady',
  'attempt.entry_not_open': 'exam.booking.refused.entryNotOpen',
  'attempt.entry_closed': 'exam.booking.refused.entryClosed',
  'attempt.finished': 'exam.booking.refused.finished',
  'attempt.annulled': 'exam.booking.refused.annulled',
  'attempt.turned_away': 'exam.booking.refused.turnedAway',
  'attempt.marked_absent': 'exam.booking.refused.markedAbsent',
  'attempt.busy': 'exam.booking.refused.busy',
};

function refusal(status: number, error: ApiError): MessageKey {
  const code = conflictCode(error);
  return (code ? REFUSALS[code] : undefined) ?? messageFor(status, error);
}

export const actions: Actions = {
  /** First step of cancelling: nothing is sent until the applicant confirms. */
  prepareCancel: () => ({ kind: 'confirm-cancel' as const }),

  cancel: async (event) => {
    const result = await examApi(event).cancel(event.params.id);
    if (!result.ok)
      return fail(result.status, { kind: 'error' as const, message: refusal(result.status, result.error) });
    return { kind: 'cancelled' as const };
  },

  /** Starts the exam (idempotent on the server) and goes to the room. */
  start: async (event) => {
    const result = await examApi(event).start(event.params.id);
    // Shown beside the start button rather than at the top of the page.
    if (!result.ok)
      return fail(result.status, {
        kind: 'error' as const,
        action: 'start' as const,
        message: refusal(result.status, result.error),
      });
    redirect(303, `/exam/${encodeURIComponent(result.data.attemptId)}`);
  },
};
