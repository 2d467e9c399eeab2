import { competitionsApi } from '$lib/api/competitions';
import { pageOf } from '$lib/paging';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const result = await competitionsApi(event).adminRounds();
  if (!result.ok) loadFailure(result);
  return pageOf(result.data, event.url);
};
