import { fail, redirect } from '@sveltejs/kit';
import { accountApi } from '$lib/api/account';
import { apiFailure, formValues, type FieldErrors } from '$lib/forms';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['password', 'passwordAgain'] as const;

export const load: PageServerLoad = async (event) => {
  const check = await accountApi(event).resetLinkWorks(event.params.token);
  // A malformed token is answered 400 by the API: to the person it is simply a link that does not work.
  return { valid: check.ok && check.data.valid };
};

export const actions: Actions = {
  default: async (event) => {
    const values = formValues(await event.request.formData(), FIELDS);
    if (values.password !== '' && values.password !== values.passwordAgain) {
      return fail(400, { values: {}, errors: { passwordAgain: 'mismatch' } as FieldErrors });
    }
    const result = await accountApi(event).resetPassword({ token: event.params.token, password: values.password });
    if (!result.ok) {
      if (result.error.fields?.some((f) => f.field === 'token'))
        return fail(400, { values: {}, errors: {} as FieldErrors, invalid: true });
      return apiFailure(result.status, result.error, values, { fields: FIELDS, keep: [] });
    }
    redirect(303, '/sign-in?passwordReset');
  },
};
