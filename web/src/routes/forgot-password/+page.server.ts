import { redirect } from '@sveltejs/kit';
import { accountApi } from '$lib/api/account';
import { apiFailure, formValues } from '$lib/forms';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['email'] as const;

export const load: PageServerLoad = async ({ parent }) => {
  const { user } = await parent();
  if (user) redirect(303, '/account/password');
  return {};
};

export const actions: Actions = {
  default: async (event) => {
    const values = formValues(await event.request.formData(), FIELDS);
    const result = await accountApi(event).requestReset(values.email.trim());
    if (!result.ok) return apiFailure(result.status, result.error, values, { fields: FIELDS });
    // The same answer whether or not an account has the address: the page says no more than the API.
    return { sent: true };
  },
};
