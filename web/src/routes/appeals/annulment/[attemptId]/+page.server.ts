import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { applicantAppealsApi } from '$lib/api/appeals-applicant';
import { loadFailure, messageFor } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { MessageKey } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

async function standing(event: RequestEvent<{ attemptId: string }>) {
  const result = await applicantAppealsApi(event).annulment(event.params.attemptId);
  if (!result.ok) loadFailure(result, 'Attempt not found');
  return result.data;
}

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'applicant');
  return { standing: await standing(event), filed: event.url.searchParams.get('notice') === 'filed' };
};

/** The API's refusals of an appeal, in words for the candidate. */
const REFUSALS: Record<string, MessageKey> = {
  'appeal.exists': 'commission.annulmentAppeal.refused.exists',
  'appeal.window_closed': 'commission.annulmentAppeal.refused.windowClosed',
  'attempt.not_annulled': 'commission.annulmentAppeal.refused.notAnnulled',
};

export const actions: Actions = {
  default: async (event) => {
    const reason = String((await event.request.formData()).get('reason') ?? '');
    const trimmed = reason.trim();
    const problem = !trimmed
      ? 'required'
      : trimmed.length < 10
        ? 'minLength'
        : reason.length > 4000
          ? 'maxLength'
          : null;
    if (problem) return fail(400, { reason, problem, message: undefined });
    const result = await applicantAppealsApi(event).appealAnnulment(event.params.attemptId, reason);
    if (!result.ok) {
      const fieldProblem = result.error.fields?.find((f) => f.field === 'reason');
      if (fieldProblem) return fail(400, { reason, problem: fieldProblem.code, message: undefined });
      const code = result.error.fields?.[0]?.code ?? '';
      return fail(result.status, {
        reason,
        problem: null,
        message: REFUSALS[code] ?? messageFor(result.status, result.error),
      });
    }
    redirect(303, `/appeals/annulment/${encodeURIComponent(event.params.attemptId)}?notice=filed`);
  },
};
