import { statisticsApi } from '$lib/components/statistics/api';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  const api = statisticsApi(event);
  const [list, blueprints] = await Promise.all([api.list(), api.blueprints()]);
  if (!list.ok) loadFailure(list);
  if (!blueprints.ok) loadFailure(blueprints);
  return { sittings: list.data, blueprints: blueprints.data };
};
