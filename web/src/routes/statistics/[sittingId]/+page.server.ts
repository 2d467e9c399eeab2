import { error } from '@sveltejs/kit';
import { statisticsApi } from '$lib/components/statistics/api';
import { isSortKey, type SortKey } from '$lib/components/statistics/format';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  if (!UUID.test(event.params.sittingId)) error(404, { message: 'No published results' });
  const result = await statisticsApi(event).sitting(event.params.sittingId);
  if (!result.ok) loadFailure(result, 'No published results');
  const sortParam = event.url.searchParams.get('sort');
  const sort: SortKey = isSortKey(sortParam) ? sortParam : 'position';
  const dir: 'asc' | 'desc' = event.url.searchParams.get('dir') === 'desc' ? 'desc' : 'asc';
  return { statistics: result.data, sort, dir };
};
