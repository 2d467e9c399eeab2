import { fail } from '@sveltejs/kit';
import { invigilationApi } from '$lib/api/invigilation';
import { apiFailure, formValues, loadFailure, type FieldErrors } from '$lib/forms';
import { bakuParts, bakuToIso, isTime } from '$lib/components/sittings/baku-time';
import { requireRole } from '$lib/guards';
import type { Actions, PageServerLoad } from './$types';

/** A room on exam day, for its invigilator or an administrator. */
export const load: PageServerLoad = async (event) => {
  const user = requireRole(await event.parent(), event.url, 'invigilator', 'administrator');
  const result = await invigilationApi(event).room(event.params.id);
  if (!result.ok) loadFailure(result, 'No such room');
  return { room: result.data, role: user.role };
};

export const actions: Actions = {
  /** One mark at the door; a later mark corrects an earlier one. */
  mark: async (event) => {
    const values = formValues(await event.request.formData(), ['bookingId', 'mark', 'reason'] as const);
    const reason = values.reason.trim();
    const result = await invigilationApi(event).mark(event.params.id, {
      bookingId: values.bookingId,
      mark: values.mark,
      ...(reason ? { reason } : {}),
    });
    if (!result.ok) {
      const failure = apiFailure(result.status, result.error, values, { fields: ['reason', 'bookingId', 'mark'] });
      return fail(failure.status, { kind: 'mark' as const, ...failure.data });
    }
    const candidate = result.data.candidates.find((c) => c.bookingId === values.bookingId);
    return { kind: 'marked' as const, candidate: candidate?.candidateCode ?? '', mark: values.mark };
  },

  /** An incident in the room, at the time typed (Baku time, on the sitting's day) or now. */
  report: async (event) => {
    const values = formValues(await event.request.formData(), ['kind', 'note', 'time', 'bookingId'] as const);
    const api = invigilationApi(event);
    let occurredAt: string | undefined;
    if (values.time.trim()) {
      const room = await api.room(event.params.id);
      const day = room.ok ? bakuParts(room.data.sitting.startsAt).date : '';
      occurredAt = (isTime(values.time) && bakuToIso(day, values.time)) || undefined;
      if (!occurredAt) {
        return fail(400, {
          kind: 'report' as const,
          values,
          errors: { time: 'invalid' } as FieldErrors,
          message: undefined,
        });
      }
    }
    const result = await api.report(event.params.id, {
      kind: values.kind,
      note: values.note.trim(),
      ...(occurredAt ? { occurredAt } : {}),
      ...(values.bookingId ? { bookingId: values.bookingId } : {}),
    });
    if (!result.ok) {
      const failure = apiFailure(
        result.status,
        result.error,
        { ...values, occurredAt: values.time },
        {
          fields: ['kind', 'note', 'occurredAt', 'bookingId'],
        },
      );
      const errors = { ...failure.data.errors };
      if (errors.occurredAt) errors.time = errors.occurredAt;
      return fail(failure.status, { kind: 'report' as const, values, errors, message: failure.data.message });
    }
    return { kind: 'reported' as const };
  },
};
