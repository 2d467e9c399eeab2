import { fail, redirect } from '@sveltejs/kit';
import type { ApiError } from '$lib/api';
import { applicantAppealsApi } from '$lib/api/appeals-applicant';
import { conflictCode } from '$lib/api/exam';
import { resultsApi } from '$lib/api/results';
import { failStatus, formValues, loadFailure, messageFor } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { MessageKey } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

/** Why there is no paper to show: the API's conflict, worded for the candidate. */
const CLOSED: Record<string, 'closed' | 'notPublished' | 'notSat'> = {
  'appeal.window_closed': 'closed',
  'results.not_published': 'notPublished',
  'attempt.not_finished': 'notSat',
  'attempt.annulled': 'notSat',
};

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'applicant');
  // The paper with its key is for reading on screen: no cache on the way may keep a copy.
  event.setHeaders({ 'cache-control': 'no-store' });
  const { attemptId } = event.params;
  const [review, appeals] = await Promise.all([resultsApi(event).review(attemptId), applicantAppealsApi(event).own()]);
  const appealed: Record<string, { id: string; createdAt: string }> = {};
  if (!review.ok) {
    const closed = CLOSED[conflictCode(review.error) ?? ''];
    if (closed) return { review: null, closed, appealed, filed: null };
    loadFailure(review, 'Attempt not found');
  }
  if (!appeals.ok) loadFailure(appeals);
  for (const appeal of appeals.data)
    if (appeal.attemptId === attemptId) appealed[appeal.versionId] = { id: appeal.id, createdAt: appeal.createdAt };
  const filed = Number(event.url.searchParams.get('filed'));
  return {
    review: review.data,
    closed: null,
    appealed,
    filed: Number.isSafeInteger(filed) && filed > 0 ? filed : null,
  };
};

const REFUSALS: Record<string, MessageKey> = {
  'appeal.window_closed': 'results.errors.appealWindowClosed',
  'results.not_published': 'results.errors.notPublished',
  'attempt.annulled': 'results.errors.attemptAnnulled',
};

/** The fields of one item's appeal form that a refusal can name. */
const FIELDS = ['reason', 'versionId'] as const;

function refusal(status: number, error: ApiError, values: { versionId: string; number: string; reason: string }) {
  const code = conflictCode(error);
  const errors: Record<string, string> = {};
  let message: MessageKey | undefined = code ? REFUSALS[code] : undefined;
  if (!message) {
    for (const problem of error.fields ?? []) {
      const field = problem.field.split('.')[0] ?? problem.field;
      if (!(FIELDS as readonly string[]).includes(field) || errors[field]) continue;
      // An empty reason reaches the API as a too-short string; to a person it is simply missing.
      errors[field] = problem.code === 'minLength' && values.reason === '' ? 'required' : problem.code;
    }
    if (Object.keys(errors).length === 0) message = messageFor(status, error);
  }
  return fail(failStatus(status), {
    versionId: values.versionId,
    number: Number(values.number) || null,
    reason: values.reason,
    errors,
    ...(message ? { message } : {}),
  });
}

export const actions: Actions = {
  /** Files the candidate's appeal against one item of their paper, then shows the item as appealed. */
  appeal: async (event) => {
    const values = formValues(await event.request.formData(), ['versionId', 'number', 'reason']);
    values.reason = values.reason.trim();
    const filed = await applicantAppealsApi(event).file(event.params.attemptId, {
      versionId: values.versionId,
      reason: values.reason,
    });
    if (!filed.ok) return refusal(filed.status, filed.error, values);
    const number = filed.data.number;
    redirect(303, `/exam/${encodeURIComponent(event.params.attemptId)}/review?filed=${number}#item-${number}`);
  },
};
