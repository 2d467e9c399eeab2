import { invigilationApi } from '$lib/api/invigilation';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import { askedPage } from '$lib/paging';
import type { PageServerLoad } from './$types';

/** An invigilator's home: the rooms assigned to them, latest sitting first. */
export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'invigilator');
  const page = askedPage(event.url);
  const result = await invigilationApi(event).myRooms(page);
  if (!result.ok) loadFailure(result);
  return { rooms: result.data };
};
