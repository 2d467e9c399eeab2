import { competitionsApi } from '$lib/api/competitions';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  const result = await competitionsApi(event).assignments();
  if (!result.ok) loadFailure(result);
  return { assignments: result.data };
};
