import { redirect } from '@sveltejs/kit';
import { conflictCode, examApi } from '$lib/api/exam';
import { unsentKey } from '$lib/exam/unsent-key';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { PageServerLoad } from './$types';

/** The room's shell: the paper and the saved answers, read on the server; the room then runs in the browser. */
export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'applicant');
  const attempt = await examApi(event).attempt(event.params.attemptId);
  if (!attempt.ok) {
    // Drawn but not started: the booking page has the Start button.
    if (conflictCode(attempt.error) === 'attempt.not_started') return { attempt: null };
    loadFailure(attempt, 'Attempt not found');
  }
  if (attempt.data.status !== 'started') redirect(303, `/exam/${encodeURIComponent(attempt.data.id)}/result`);
  return { attempt: attempt.data, unsentKey: await unsentKey(event, event.params.attemptId) };
};
