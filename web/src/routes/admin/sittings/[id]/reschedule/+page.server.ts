import { error, fail, redirect } from '@sveltejs/kit';
import { sittingsApi } from '$lib/api/sittings';
import {
  conflictMessage,
  failStatus,
  formValues,
  loadFailure,
  messageFor,
  reasonProblem,
  type FieldErrors,
} from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { MessageKey } from '$lib/i18n';
import { buildSitting, sittingErrors, valuesFromSitting } from '$lib/components/sittings/sitting-form';
import type { Actions, PageServerLoad } from './$types';

/* Rescheduling a sitting candidates may have booked: new times and a reason every one of them is shown. */

const TIME_FIELDS = ['date', 'startTime', 'entryCloses', 'endTime', 'bookingCloses'] as const;
const CONFLICTS: Record<string, MessageKey> = {
  'sitting.not_reschedulable': 'sittings.conflicts.sitting_not_reschedulable',
};

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const api = sittingsApi(event);
  const [sitting, roster] = await Promise.all([api.get(event.params.id), api.roster(event.params.id)]);
  if (!sitting.ok) loadFailure(sitting, 'Not found');
  const active = roster.ok ? roster.data.filter((r) => r.status === 'active') : [];
  const initial = valuesFromSitting(sitting.data);
  return {
    sitting: sitting.data,
    /** The largest extra time granted: the new shift must still honour it. */
    largestExtra: Math.max(0, ...active.map((r) => r.extraTimePercent)),
    initial: { ...Object.fromEntries(TIME_FIELDS.map((f) => [f, initial[f]])), reason: '' } as Record<
      (typeof TIME_FIELDS)[number] | 'reason',
      string
    >,
  };
};

export const actions: Actions = {
  default: async (event) => {
    const values = formValues(await event.request.formData(), [...TIME_FIELDS, 'reason'] as const);
    const api = sittingsApi(event);
    const current = await api.get(event.params.id);
    if (!current.ok) error(current.status === 400 ? 404 : current.status, { message: current.error.message });
    // The form's own reading of Baku dates and times, on the sitting's other values.
    const built = buildSitting({ ...valuesFromSitting(current.data), ...values });
    const { startsAt, entryClosesAt, endsAt, bookingClosesAt } = built.body;
    const result = await api.reschedule(event.params.id, {
      startsAt,
      entryClosesAt,
      endsAt,
      bookingClosesAt,
      reason: values.reason.trim(),
    });
    if (result.ok) redirect(303, `/admin/sittings/${event.params.id}?notice=rescheduled`);
    const placed = sittingErrors(result.error, built, 0);
    const errors: FieldErrors = Object.fromEntries(
      Object.entries(placed.errors).filter(([field]) => (TIME_FIELDS as readonly string[]).includes(field)),
    );
    const reason = result.error.fields?.find((f) => f.field === 'reason');
    if (reason) errors.reason = reason.code;
    else if (Object.keys(errors).length > 0 && reasonProblem(values.reason))
      errors.reason = reasonProblem(values.reason)!;
    const conflict = conflictMessage(result.error, CONFLICTS);
    return fail(failStatus(result.status), {
      values,
      errors,
      message: conflict ?? (Object.keys(errors).length === 0 ? messageFor(result.status, result.error) : undefined),
    });
  },
};
