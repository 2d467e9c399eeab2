import { error } from '@sveltejs/kit';
import { bankApi } from '$lib/api/bank';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  const archived = event.url.searchParams.get('archived') === 'true';
  const list = await bankApi(event).listBlueprints(archived);
  if (!list.ok) error(list.status >= 500 ? 503 : list.status, { message: list.error.message });
  return { blueprints: list.data, archived };
};
