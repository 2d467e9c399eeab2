import { error } from '@sveltejs/kit';
import { statisticsApi } from '$lib/components/statistics/api';
import { analysisPage } from '$lib/components/statistics/paging';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import { UUID } from '$lib/ids';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  if (!UUID.test(event.params.blueprintId)) error(404, { message: 'No statistics across sittings' });
  const result = await statisticsApi(event).blueprint(event.params.blueprintId);
  if (!result.ok) loadFailure(result, 'No statistics across sittings');
  // One page of the analysis, in the order asked for: only what the page shows goes to the browser.
  const { analysis, ...statistics } = result.data;
  return { statistics, view: analysis ? analysisPage(analysis, event.url) : null };
};
