import { bankApi } from '$lib/api/bank';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  const archived = event.url.searchParams.get('archived') === 'true';
  const list = await bankApi(event).listBlueprints(archived);
  if (!list.ok) loadFailure(list);
  return { blueprints: list.data, archived };
};
