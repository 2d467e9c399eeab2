import { callApi } from '$lib/api/client';
import { requireUser } from '$lib/guards';
import type { SecurityNoticeResponse } from '$api-types';
import type { PageServerLoad } from './$types';

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
  };
};
