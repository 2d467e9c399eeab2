import { examApi } from '$lib/api/exam';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'applicant');
  const bookings = await examApi(event).bookings();
  if (!bookings.ok) loadFailure(bookings);
  return { bookings: bookings.data };
};
