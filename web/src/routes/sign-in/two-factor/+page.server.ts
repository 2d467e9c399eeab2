import { redirect } from '@sveltejs/kit';
import { api, type DemoAccount } from '$lib/api';
import { apiFailure, formValues, safeRedirect } from '$lib/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { user, twoFactorVerified, meta } = await event.parent();
  if (!user) redirect(303, '/sign-in');
  if (twoFactorVerified) redirect(303, safeRedirect(event.url.searchParams.get('redirectTo'), '/account'));
  if (!user.twoFactorEnabled) redirect(303, '/account/two-factor/setup');

  // A demo convenience only: a real installation has no such route, and the page never asks for it.
  let demoAccounts: DemoAccount[] | null = null;
  if (meta.demo) {
    const result = await api(event).demoAccounts();
    demoAccounts = result.ok ? result.data.filter((account) => account.currentCode !== null) : [];
  }
  return { demoAccounts };
};

export const actions: Actions = {
  default: async (event) => {
    const values = formValues(await event.request.formData(), ['code'] as const);
    const code = values.code.replace(/\s/g, '');
    const result = await api(event).verifyTwoFactor(code);
    if (!result.ok) return apiFailure(result.status, result.error, { code: '' }, { fields: ['code'] });
    redirect(303, safeRedirect(event.url.searchParams.get('redirectTo'), '/account'));
  },
};
