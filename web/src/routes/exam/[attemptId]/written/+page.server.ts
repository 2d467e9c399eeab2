import { error } from '@sveltejs/kit';
import { markingApi } from '$lib/api/marking';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'applicant');
  const result = await markingApi(event).written(event.params.attemptId);
  if (!result.ok) {
    if (result.status === 404 || result.status === 400) error(404, { message: 'Attempt not found' });
    error(result.status >= 500 ? 503 : result.status, { message: result.error.message });
  }
  return { written: result.data };
};
