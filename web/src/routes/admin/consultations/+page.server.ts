import { consultationsApi, isTopic } from '$lib/api/consultations';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  const status = event.url.searchParams.get('status') === 'answered' ? 'answered' : 'open';
  const topicParam = event.url.searchParams.get('topic');
  const topic = isTopic(topicParam) ? topicParam : undefined;
  const page = Math.max(1, Math.min(10_000, Number(event.url.searchParams.get('page')) || 1));
  const queue = await consultationsApi(event).queue({ status, ...(topic ? { topic } : {}), page });
  if (!queue.ok) loadFailure(queue);
  return { status, topic: topic ?? '', queue: queue.data };
};
