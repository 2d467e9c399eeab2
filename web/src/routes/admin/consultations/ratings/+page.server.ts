import { consultationsApi } from '$lib/api/consultations';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  const page = Math.max(1, Math.min(10_000, Number(event.url.searchParams.get('page')) || 1));
  const ratings = await consultationsApi(event).ratings(page);
  if (!ratings.ok) loadFailure(ratings);
  return { ratings: ratings.data };
};
