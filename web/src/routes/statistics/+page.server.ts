import { error } from '@sveltejs/kit';
import { statisticsApi } from '$lib/components/statistics/api';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  const list = await statisticsApi(event).list();
  if (!list.ok) error(list.status >= 500 ? 503 : list.status, { message: list.error.message });
  return { sittings: list.data };
};
