import { error, fail, redirect } from '@sveltejs/kit';
import { sittingsApi } from '$lib/api/sittings';
import { conflictMessage, failStatus, formValues, loadFailure, messageFor, type FieldErrors } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { MessageKey } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

/* Moving one candidate to another room or seat of the sitting. */

const CONFLICTS: Record<string, MessageKey> = {
  'booking.cancelled': 'sittings.conflicts.booking_cancelled',
  'sitting.over': 'sittings.conflicts.sitting_over',
};

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const api = sittingsApi(event);
  const [sitting, roster] = await Promise.all([api.get(event.params.id), api.roster(event.params.id)]);
  if (!sitting.ok) loadFailure(sitting, 'Not found');
  if (!roster.ok) loadFailure(roster);
  const entry = roster.data.find((r) => r.bookingId === event.params.bookingId && r.status === 'active');
  if (!entry) error(404, { message: 'No such booking on this sitting.' });
  return { sitting: sitting.data, entry };
};

/** A seat number as typed; empty means the room's first free seat, anything else goes for the API to name. */
function seat(value: string): number | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  return (/^\d+$/.test(trimmed) ? Number(trimmed) : null) as number;
}

export const actions: Actions = {
  default: async (event) => {
    const values = formValues(await event.request.formData(), ['roomId', 'seat'] as const);
    const chosen = seat(values.seat);
    const result = await sittingsApi(event).move(event.params.bookingId, {
      roomId: values.roomId,
      ...(chosen === undefined ? {} : { seat: chosen }),
    });
    if (result.ok)
      redirect(303, `/admin/sittings/${event.params.id}?notice=moved&candidate=${result.data.candidateCode}`);
    const errors: FieldErrors = {};
    for (const problem of result.error.fields ?? [])
      if (problem.field === 'roomId' || problem.field === 'seat') errors[problem.field] ??= problem.code;
    const conflict = conflictMessage(result.error, CONFLICTS);
    return fail(failStatus(result.status), {
      values,
      errors,
      message: conflict ?? (Object.keys(errors).length ? undefined : messageFor(result.status, result.error)),
    });
  },
};
