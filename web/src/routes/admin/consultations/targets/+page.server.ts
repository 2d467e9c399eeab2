import { fail, redirect } from '@sveltejs/kit';
import { consultationsApi, isTopic } from '$lib/api/consultations';
import { failStatus, loadFailure, messageFor, placeProblems, type FieldErrors } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { MessageKey } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

/** Each topic's published response target (the service standard), changed here by administrators. */
export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const standard = await consultationsApi(event).standard();
  if (!standard.ok) loadFailure(standard);
  const saved = event.url.searchParams.get('saved');
  return { topics: standard.data.topics, saved: isTopic(saved) ? saved : null };
};

interface TargetFailure {
  topic: string;
  values: { targetDays: string };
  errors: FieldErrors;
  message?: MessageKey;
}

export const actions: Actions = {
  // One topic per submission, so a refused value never leaves half a change saved. No confirmation: a target
  // set wrong is set right the same way, and the API audits every change.
  default: async (event) => {
    const data = await event.request.formData();
    const topic = String(data.get('topic') ?? '');
    const values = { targetDays: String(data.get('targetDays') ?? '').trim() };
    const refuse = (status: number, errors: FieldErrors, message?: MessageKey) =>
      fail(status, { topic, values, errors, ...(message ? { message } : {}) } satisfies TargetFailure);
    if (!isTopic(topic)) return refuse(400, {}, 'errors.unexpected');
    // The box is text: what is not a whole number is named here; the API keeps the bounds (1–60).
    if (values.targetDays === '') return refuse(400, { targetDays: 'required' });
    if (!/^\d{1,9}$/.test(values.targetDays)) return refuse(400, { targetDays: 'integer' });

    const result = await consultationsApi(event).setTarget(topic, Number(values.targetDays));
    if (!result.ok) {
      const { errors, unplaced } = placeProblems(result.error, values, (path) =>
        path === 'targetDays' ? 'targetDays' : null,
      );
      const whole = !result.error.fields?.length || unplaced.length > 0;
      return refuse(failStatus(result.status), errors, whole ? messageFor(result.status, result.error) : undefined);
    }
    redirect(303, `/admin/consultations/targets?saved=${topic}`);
  },
};
