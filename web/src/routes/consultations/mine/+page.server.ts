import { consultationsApi } from '$lib/api/consultations';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'applicant');
  const own = await consultationsApi(event).own();
  if (!own.ok) loadFailure(own);
  return { consultations: own.data };
};
