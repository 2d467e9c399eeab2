import { fail, redirect } from '@sveltejs/kit';
import { accountApi } from '$lib/api/account';
import { apiFailure, formValues, type FieldErrors } from '$lib/forms';
import { requireUser } from '$lib/guards';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['currentPassword', 'newPassword', 'newPasswordAgain'] as const;

export const load: PageServerLoad = async ({ parent, url }) => {
  const user = requireUser(await parent(), url);
  return { mustChange: user.mustChangePassword };
};

export const actions: Actions = {
  default: async (event) => {
    const values = formValues(await event.request.formData(), FIELDS);
    // Typed twice so a slip of the finger does not lock the holder out; the API never sees the second copy.
    if (values.newPassword !== '' && values.newPassword !== values.newPasswordAgain) {
      return fail(400, { values: {}, errors: { newPasswordAgain: 'mismatch' } as FieldErrors });
    }
    const result = await accountApi(event).changePassword({
      currentPassword: values.currentPassword,
      newPassword: values.newPassword,
    });
    if (!result.ok) return apiFailure(result.status, result.error, values, { fields: FIELDS, keep: [] });
    redirect(303, `/account?passwordChanged=${result.data.otherSessionsEnded}`);
  },
};
