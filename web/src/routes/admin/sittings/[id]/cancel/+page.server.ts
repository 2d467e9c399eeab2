import { fail, redirect } from '@sveltejs/kit';
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
import type { Actions, PageServerLoad } from './$types';

/* Cancelling a sitting: a reason, then a confirmation, since its bookings are released for good. */

const CONFLICTS: Record<string, MessageKey> = {
  'sitting.not_cancellable': 'sittings.conflicts.sitting_not_cancellable',
  'sitting.cancelled': 'sittings.conflicts.sitting_cancelled',
};

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const sitting = await sittingsApi(event).get(event.params.id);
  if (!sitting.ok) loadFailure(sitting, 'Not found');
  return { sitting: sitting.data };
};

export const actions: Actions = {
  /** First step: the reason is checked, then the administrator confirms. */
  prepare: async (event) => {
    const values = formValues(await event.request.formData(), ['reason'] as const);
    const problem = reasonProblem(values.reason);
    if (problem) return fail(400, { values, errors: { reason: problem } as FieldErrors, confirm: false });
    return { values: { reason: values.reason.trim() }, errors: {} as FieldErrors, confirm: true };
  },

  cancel: async (event) => {
    const values = formValues(await event.request.formData(), ['reason'] as const);
    const result = await sittingsApi(event).cancel(event.params.id, { reason: values.reason.trim() });
    if (result.ok) redirect(303, `/admin/sittings/${event.params.id}?notice=cancelled`);
    const reason = result.error.fields?.find((f) => f.field === 'reason');
    const conflict = conflictMessage(result.error, CONFLICTS);
    return fail(failStatus(result.status), {
      values,
      errors: (reason ? { reason: reason.code } : {}) as FieldErrors,
      confirm: false,
      message: conflict ?? (reason ? undefined : messageFor(result.status, result.error)),
    });
  },
};
