import { fail, redirect } from '@sveltejs/kit';
import { consultationsApi, isTopic, type PassBody } from '$lib/api/consultations';
import { faqFailure, readFaqForm } from '$lib/faq-form';
import { apiFailure, formValues, loadFailure, messageFor, type FieldErrors } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { MessageKey } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const user = requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  const result = await consultationsApi(event).staffOne(event.params.id);
  if (!result.ok) loadFailure(result, 'Not found');
  return { consultation: result.data, me: user.id, notice: event.url.searchParams.get('notice') };
};

const REFUSALS: Record<string, MessageKey> = {
  'consultation.held': 'consultations.handle.held',
  'consultation.answered': 'consultations.handle.answered',
};

/** A refusal worded for the page: a known conflict by its code, otherwise the field errors or the status. */
function refused(
  status: number,
  error: Parameters<typeof apiFailure>[1],
  values: Record<string, string>,
  fields: string[],
  step: string,
) {
  const none: FieldErrors = {};
  const code = error.fields?.[0]?.code ?? '';
  if (REFUSALS[code]) return fail(409, { step, values, errors: none, message: REFUSALS[code] });
  if (status !== 400) return fail(status, { step, values, errors: none, message: messageFor(status, error) });
  const failure = apiFailure(status, error, values, { fields });
  return fail(failure.status, {
    step,
    values: failure.data.values as Record<string, string>,
    errors: failure.data.errors,
    message: failure.data.message,
  });
}

export const actions: Actions = {
  take: async (event) => {
    const result = await consultationsApi(event).take(event.params.id);
    if (!result.ok) return refused(result.status, result.error, {}, [], 'take');
    redirect(303, `/admin/consultations/${event.params.id}?notice=taken`);
  },
  answer: async (event) => {
    const values = formValues(await event.request.formData(), ['body']);
    const result = await consultationsApi(event).answer(event.params.id, values.body);
    if (!result.ok) return refused(result.status, result.error, values, ['body'], 'answer');
    redirect(303, `/admin/consultations/${event.params.id}?notice=answered`);
  },
  pass: async (event) => {
    const values = formValues(await event.request.formData(), ['note', 'topic', 'toUserId']);
    const body: PassBody = {
      note: values.note,
      ...(isTopic(values.topic) ? { topic: values.topic } : {}),
      ...(values.toUserId ? { toUserId: values.toUserId } : {}),
    };
    const result = await consultationsApi(event).pass(event.params.id, body);
    if (!result.ok) return refused(result.status, result.error, values, ['note', 'topic', 'toUserId'], 'pass');
    redirect(303, `/admin/consultations/${event.params.id}?notice=passed`);
  },
  faq: async (event) => {
    const { values, body } = readFaqForm(await event.request.formData());
    const result = await consultationsApi(event).publishFaq({ ...body, consultationId: event.params.id });
    if (!result.ok) return faqFailure(result, values);
    redirect(303, `/admin/consultations/${event.params.id}?notice=published`);
  },
};
