import { fail, redirect } from '@sveltejs/kit';
import type { ApiEvent } from '$lib/api/client';
import { markingApi } from '$lib/api/marking';
import { refusal, text } from '$lib/components/competitions/forms';
import { loadFailure, type FieldErrors } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { Actions, PageServerLoad } from './$types';

async function find(event: ApiEvent & { params: { attemptId: string } }) {
  const result = await markingApi(event).written(event.params.attemptId);
  if (!result.ok) loadFailure(result, 'Attempt not found');
  return result.data;
}

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'applicant');
  return { written: await find(event), appealed: event.url.searchParams.get('appealed') === '1' };
};

/** As the API bounds it (server/modules/marking/marking-appeals.schemas.ts). */
const REASON = { min: 10, max: 4_000 };

export const actions: Actions = {
  /** An appeal against one script's marking: its code and the candidate's reason. */
  appeal: async (event) => {
    const data = await event.request.formData();
    // One form per script: its reason field is `appealReason.<the script's place on the page>`.
    const field = `appealReason.${Number(text(data, 'index')) || 0}`;
    const scriptCode = text(data, 'scriptCode');
    const reason = text(data, field);
    const values: Record<string, string> = { scriptCode, [field]: reason };
    const errors: FieldErrors = {};
    if (reason === '') errors[field] = 'required';
    else if (reason.length < REASON.min) errors[field] = 'minLength';
    else if (reason.length > REASON.max) errors[field] = 'maxLength';
    if (Object.keys(errors).length) return fail(400, { kind: 'appeal' as const, values, errors, problem: undefined });
    const result = await markingApi(event).appeal(event.params.attemptId, { scriptCode, reason });
    if (!result.ok)
      return refusal('appeal' as const, result.status, result.error, values, (path) =>
        path === 'reason' ? field : null,
      );
    redirect(303, `/exam/${encodeURIComponent(event.params.attemptId)}/written?appealed=1`);
  },
};
