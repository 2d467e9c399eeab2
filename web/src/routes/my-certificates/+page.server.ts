import { resultsApi } from '$lib/api/results';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'applicant');
  const certificates = await resultsApi(event).certificates();
  if (!certificates.ok) loadFailure(certificates);
  return { certificates: certificates.data };
};
