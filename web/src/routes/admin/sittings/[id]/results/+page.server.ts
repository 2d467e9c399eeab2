import { error } from '@sveltejs/kit';
import { publicationApi } from '$lib/api/publication';
import { sittingsApi } from '$lib/api/sittings';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const id = event.params.id;
  const [sitting, results] = await Promise.all([sittingsApi(event).get(id), publicationApi(event).results(id)]);
  for (const answer of [sitting, results]) {
    if (!answer.ok) {
      error(answer.status === 400 || answer.status === 404 ? 404 : answer.status >= 500 ? 503 : answer.status, {
        message: answer.error.message,
      });
    }
  }
  if (!sitting.ok || !results.ok) error(503);
  return { sitting: sitting.data, results: results.data };
};
