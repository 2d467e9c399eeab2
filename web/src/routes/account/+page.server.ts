import { callApi } from '$lib/api/client';
import { requireUser } from '$lib/guards';
import type { SecurityNoticeResponse } from '$api-types';
import { fail } from '@sveltejs/kit';
import { accountApi } from '$lib/api/account';
import { messageFor } from '$lib/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { parent, url } = event;
  const user = requireUser(await parent(), url);
  // The failed attempts on this account before this sign-in; a page without it is still the account page.
  const notice = await callApi<SecurityNoticeResponse>(event, 'GET', '/api/auth/notice');
  return {
    user,
    welcome: url.searchParams.has('welcome'),
    twoFactorEnabledNow: url.searchParams.get('twoFactor') === 'enabled',
    securityNotice: notice.ok ? notice.data.notice : null,
    passwordChanged: numberParam(url.searchParams.get('passwordChanged')),
    confirmSignOutOthers: url.searchParams.get('confirm') === 'sign-out-others',
  };
};

/** A count carried in the address after a redirect; null when absent or not a count. */
function numberParam(value: string | null): number | null {
  return value !== null && /^\d{1,6}$/.test(value) ? Number(value) : null;
}

export const actions: Actions = {
  /** Ends every other session of this account; the page asked first (`?confirm=sign-out-others`). */
  signOutOthers: async (event) => {
    const result = await accountApi(event).signOutOthers();
    if (!result.ok) return fail(result.status, { message: messageFor(result.status, result.error) });
    return { signedOutOthers: result.data.ended };
  },
};
