import { error } from '@sveltejs/kit';
import { competitionsApi } from '$lib/api/competitions';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  const result = await competitionsApi(event).assignments();
  if (!result.ok) error(result.status >= 500 ? 503 : result.status, { message: result.error.message });
  return { assignments: result.data };
};
