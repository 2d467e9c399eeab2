import { fail, redirect } from '@sveltejs/kit';
import { conflictCode, examApi } from '$lib/api/exam';
import { formValues, loadFailure, messageFor } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { MessageKey } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'applicant');
  const sittings = await examApi(event).openSittings();
  if (!sittings.ok) loadFailure(sittings);
  return { sittings: sittings.data };
};

const REFUSALS: Record<string, MessageKey> = {
  'sitting.full': 'exam.sittings.refused.full',
  'booking.exists': 'exam.sittings.refused.exists',
  'booking.closed': 'exam.sittings.refused.closed',
};

export const actions: Actions = {
  /** Books a seat; the API picks the room and seat, and the booking page shows them. */
  book: async (event) => {
    const { sittingId } = formValues(await event.request.formData(), ['sittingId'] as const);
    const result = await examApi(event).book(sittingId);
    if (!result.ok) {
      const code = conflictCode(result.error);
      const message =
        (code ? REFUSALS[code] : undefined) ??
        (result.status === 404 || result.status === 400
          ? ('exam.sittings.refused.notFound' as MessageKey)
          : messageFor(result.status, result.error));
      return fail(result.status, { sittingId, message });
    }
    redirect(303, `/bookings/${encodeURIComponent(result.data.id)}?booked=1`);
  },
};
