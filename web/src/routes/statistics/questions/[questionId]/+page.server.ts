import { error } from '@sveltejs/kit';
import { statisticsApi } from '$lib/components/statistics/api';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  if (!UUID.test(event.params.questionId)) error(404, { message: 'No such question' });
  const result = await statisticsApi(event).question(event.params.questionId);
  if (!result.ok) {
    if (result.status === 404 || result.status === 400) error(404, { message: 'No such question' });
    error(result.status >= 500 ? 503 : result.status, { message: result.error.message });
  }
  return { question: result.data };
};
