import { error } from '@sveltejs/kit';
import { examApi } from '$lib/api/exam';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'applicant');
  const bookings = await examApi(event).bookings();
  if (!bookings.ok) error(bookings.status >= 500 ? 503 : bookings.status, { message: bookings.error.message });
  return { bookings: bookings.data };
};
