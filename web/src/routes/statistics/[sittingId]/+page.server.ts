import { error } from '@sveltejs/kit';
import { statisticsApi } from '$lib/components/statistics/api';
import { isSortKey, type SortKey } from '$lib/components/statistics/format';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import { UUID } from '$lib/ids';
import type { PageServerLoad } from './$types';

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
