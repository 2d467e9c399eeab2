import { markingApi } from '$lib/api/marking';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  const result = await markingApi(event).queue();
  if (!result.ok) loadFailure(result);
  return { queue: result.data };
};
