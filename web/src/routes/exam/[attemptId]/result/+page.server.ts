import { conflictCode, examApi } from '$lib/api/exam';
import { resultsApi } from '$lib/api/results';
import { unsentKey } from '$lib/exam/unsent-key';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import { consultationsApi } from '$lib/api/consultations';
import { rateAction } from '$lib/consultations-rating';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'applicant');
  const result = await examApi(event).result(event.params.attemptId);
  if (!result.ok) {
    // Still being sat (or just past its deadline, not yet finalised): the page says so.
    if (conflictCode(result.error) === 'attempt.not_finished')
      return { result: null, sittingId: null, unsentKey: null, rating: null };
    loadFailure(result, 'Attempt not found');
  }
  // The public results page of the sitting, once published (the result names the sitting by code).
  let sittingId: string | null = null;
  if (result.data.published) {
    const published = await resultsApi(event).published();
    if (published.ok) sittingId = published.data.find((s) => s.code === result.data.sittingCode)?.sittingId ?? null;
  }
  // The result page repeats what did not reach the server and offers the file (see the exam room).
  // Once submitted, the candidate may rate how the exam went (issue 17).
  const rating = await consultationsApi(event).rating('attempt', event.params.attemptId);
  return {
    result: result.data,
    sittingId,
    unsentKey: await unsentKey(event, event.params.attemptId),
    rating: rating.ok ? rating.data : null,
  };
};

export const actions: Actions = {
  rate: (event) => rateAction(event, 'attempt'),
};
