import { isSittingStatus, sittingsApi } from '$lib/api/sittings';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const param = event.url.searchParams.get('status');
  const status = isSittingStatus(param) ? param : undefined;
  const result = await sittingsApi(event).list(status ? { status } : {});
  if (!result.ok) loadFailure(result);
  return { sittings: result.data, status: status ?? '' };
};
