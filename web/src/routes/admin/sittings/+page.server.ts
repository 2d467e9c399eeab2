import { error } from '@sveltejs/kit';
import { isSittingStatus, sittingsApi } from '$lib/api/sittings';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const param = event.url.searchParams.get('status');
  const status = isSittingStatus(param) ? param : undefined;
  const result = await sittingsApi(event).list(status ? { status } : {});
  if (!result.ok) error(result.status >= 500 ? 503 : result.status, { message: result.error.message });
  return { sittings: result.data, status: status ?? '' };
};
