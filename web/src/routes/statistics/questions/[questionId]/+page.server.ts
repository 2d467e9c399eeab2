import { error } from '@sveltejs/kit';
import { statisticsApi } from '$lib/components/statistics/api';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import { UUID } from '$lib/ids';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  if (!UUID.test(event.params.questionId)) error(404, { message: 'No such question' });
  const result = await statisticsApi(event).question(event.params.questionId);
  if (!result.ok) loadFailure(result, 'No such question');
  return { question: result.data };
};
