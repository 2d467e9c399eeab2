import { error } from '@sveltejs/kit';
import { statisticsApi } from '$lib/components/statistics/api';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  if (!UUID.test(event.params.questionId)) error(404, { message: 'No such question' });
  const result = await statisticsApi(event).question(event.params.questionId);
  if (!result.ok) loadFailure(result, 'No such question');
  return { question: result.data };
};
