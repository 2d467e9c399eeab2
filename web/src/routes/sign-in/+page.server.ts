import { redirect } from '@sveltejs/kit';
import { api } from '$lib/api';
import { apiFailure, formValues, safeRedirect } from '$lib/forms';
import { secondFactorStep } from '$lib/guards';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['login', 'password'] as const;

export const load: PageServerLoad = async ({ parent, url }) => {
  const { user, twoFactorVerified } = await parent();
  if (user && twoFactorVerified) redirect(303, safeRedirect(url.searchParams.get('redirectTo'), '/account'));
  if (user) redirect(303, secondFactorStep(user, url));
  return { signedOut: url.searchParams.has('signedOut'), passwordReset: url.searchParams.has('passwordReset') };
};

export const actions: Actions = {
  default: async (event) => {
    const values = formValues(await event.request.formData(), FIELDS);
    const result = await api(event).signIn(values);
    if (!result.ok) return apiFailure(result.status, result.error, values, { fields: FIELDS, keep: ['login'] });

    const redirectTo = safeRedirect(event.url.searchParams.get('redirectTo'), '/account');
    switch (result.data.next) {
      case 'done':
        redirect(303, redirectTo);
        break;
      case 'two-factor':
        redirect(303, `/sign-in/two-factor?redirectTo=${encodeURIComponent(redirectTo)}`);
        break;
      case 'two-factor-setup':
        redirect(303, '/account/two-factor/setup');
    }
  },
};
