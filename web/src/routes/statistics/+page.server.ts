import { error } from '@sveltejs/kit';
import { statisticsApi } from '$lib/components/statistics/api';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  const api = statisticsApi(event);
  const [list, blueprints] = await Promise.all([api.list(), api.blueprints()]);
  if (!list.ok) error(list.status >= 500 ? 503 : list.status, { message: list.error.message });
  if (!blueprints.ok) error(blueprints.status >= 500 ? 503 : blueprints.status, { message: blueprints.error.message });
  return { sittings: list.data, blueprints: blueprints.data };
};
