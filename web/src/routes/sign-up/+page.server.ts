import { redirect } from '@sveltejs/kit';
import { api } from '$lib/api';
import { apiFailure, formValues } from '$lib/forms';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['nationalIdScheme', 'nationalId', 'fullName', 'email', 'password'] as const;

export const load: PageServerLoad = async ({ parent }) => {
  const { user } = await parent();
  if (user) redirect(303, '/account');
};

export const actions: Actions = {
  default: async (event) => {
    const values = formValues(await event.request.formData(), FIELDS);
    const result = await api(event).signUp({ ...values, locale: event.locals.locale });
    if (!result.ok) {
      return apiFailure(result.status, result.error, values, {
        fields: FIELDS,
        keep: ['nationalIdScheme', 'nationalId', 'fullName', 'email'],
      });
    }
    redirect(303, '/account?welcome=1');
  },
};
