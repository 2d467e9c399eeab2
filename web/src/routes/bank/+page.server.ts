import { bankApi } from '$lib/api/bank';
import { DIFFICULTIES, STATUSES, TYPES } from '$lib/components/bank/question-form';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 25;
const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

function pick<T extends string>(list: readonly T[], value: string | null): T | undefined {
  return (list as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
}

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  const params = event.url.searchParams;
  const q = (params.get('q') ?? '').trim().slice(0, 200);
  const subjectParam = params.get('subject') ?? '';
  const topicParam = params.get('topic') ?? '';
  const subject = SLUG.test(subjectParam) ? subjectParam : undefined;
  const topic = SLUG.test(topicParam) ? topicParam : undefined;
  const status = pick(STATUSES, params.get('status'));
  const difficulty = pick(DIFFICULTIES, params.get('difficulty'));
  const type = pick(TYPES, params.get('type'));
  const afterParam = Number(params.get('after'));
  const after = params.get('after') && Number.isSafeInteger(afterParam) && afterParam >= 0 ? afterParam : undefined;

  const api = bankApi(event);
  const [subjects, list] = await Promise.all([
    api.subjects(),
    api.listQuestions({ q: q || undefined, subject, topic, status, difficulty, type, after, limit: PAGE_SIZE }),
  ]);
  if (!subjects.ok) loadFailure(subjects);
  if (!list.ok) loadFailure(list);
  return {
    subjects: subjects.data,
    list: list.data,
    filters: {
      q,
      subject: subject ?? '',
      topic: topic ?? '',
      status: status ?? '',
      difficulty: difficulty ?? '',
      type: type ?? '',
      after: after === undefined ? '' : String(after),
    },
  };
};
