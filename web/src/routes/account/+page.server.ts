import { requireUser } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, url }) => {
  const user = requireUser(await parent(), url);
  return {
    user,
    welcome: url.searchParams.has('welcome'),
    twoFactorEnabledNow: url.searchParams.get('twoFactor') === 'enabled',
  };
};
