import { error } from '@sveltejs/kit';
import { consultationsApi } from '$lib/api/consultations';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'applicant');
  const own = await consultationsApi(event).own();
  if (!own.ok) error(own.status >= 500 ? 503 : own.status, { message: own.error.message });
  return { consultations: own.data };
};
