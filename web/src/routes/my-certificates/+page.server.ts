import { error } from '@sveltejs/kit';
import { resultsApi } from '$lib/api/results';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'applicant');
  const certificates = await resultsApi(event).certificates();
  if (!certificates.ok)
    error(certificates.status >= 500 ? 503 : certificates.status, { message: certificates.error.message });
  return { certificates: certificates.data };
};
