import { fail } from '@sveltejs/kit';
import { consultationsApi } from '$lib/api/consultations';
import { rateAction } from '$lib/consultations-rating';
import { apiFailure, formValues, loadFailure, messageFor, type FieldErrors } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { MessageKey } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'applicant');
  const result = await consultationsApi(event).one(event.params.id);
  if (!result.ok) loadFailure(result, 'Not found');
  return { consultation: result.data };
};

const REFUSALS: Record<string, MessageKey> = {
  'consultation.replied': 'consultations.thread.alreadyReplied',
  'consultation.not_answered': 'consultations.thread.notAnswered',
};

export const actions: Actions = {
  reply: async (event) => {
    const values = formValues(await event.request.formData(), ['body']);
    const result = await consultationsApi(event).reply(event.params.id, values.body);
    if (!result.ok) {
      const code = result.error.fields?.[0]?.code ?? '';
      if (REFUSALS[code]) return fail(409, { reply: { values, errors: {} as FieldErrors, message: REFUSALS[code] } });
      if (result.status !== 400)
        return fail(result.status, {
          reply: { values, errors: {} as FieldErrors, message: messageFor(result.status, result.error) },
        });
      const failure = apiFailure(result.status, result.error, values, { fields: ['body'] });
      return fail(failure.status, { reply: failure.data });
    }
    return { replied: true };
  },
  rate: (event) => rateAction(event, 'consultation'),
};
