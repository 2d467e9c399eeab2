import { error } from '@sveltejs/kit';
import { markingApi } from '$lib/api/marking';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  const result = await markingApi(event).appeals();
  if (!result.ok) error(result.status >= 500 ? 503 : result.status, { message: result.error.message });
  return { queue: result.data };
};
