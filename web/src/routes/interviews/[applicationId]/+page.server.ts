import { error, fail, redirect } from '@sveltejs/kit';
import type { ApiEvent } from '$lib/api/client';
import { competitionsApi, type Assignment } from '$lib/api/competitions';
import { refusal, text } from '$lib/components/competitions/forms';
import { loadFailure, type FieldErrors } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { Actions, PageServerLoad } from './$types';

/** The panel and the candidate this page scores, from the member's own assignments. */
async function find(event: ApiEvent & { params: { applicationId: string } }) {
  const result = await competitionsApi(event).assignments();
  if (!result.ok) loadFailure(result);
  for (const assignment of result.data) {
    const candidate = assignment.candidates.find((c) => c.applicationId === event.params.applicationId);
    if (candidate) return { assignment, candidate };
  }
  error(404, { message: 'Not found' });
}

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  const { assignment, candidate } = await find(event);
  return {
    assignment: { ...assignment, candidates: [] } as Assignment,
    candidate,
    entered: event.url.searchParams.get('entered') === '1',
  };
};

/** Each criterion's points as typed, checked against the rubric before the confirmation step. */
function readScores(data: FormData, rubric: Assignment['rubric']) {
  const values: Record<string, string> = {};
  const errors: FieldErrors = {};
  const scores: Record<string, number> = {};
  for (const criterion of rubric) {
    const name = `scores.${criterion.key}`;
    const value = text(data, name);
    values[name] = value;
    if (value === '') errors[name] = 'required';
    else if (!/^\d+$/.test(value)) errors[name] = 'integer';
    else if (Number(value) > criterion.maxPoints) errors[name] = 'too_large';
    else scores[criterion.key] = Number(value);
  }
  return { values, errors, scores };
}

export const actions: Actions = {
  /** First step: the scores are checked and shown back; nothing is sent until the member confirms. */
  review: async (event) => {
    const { assignment } = await find(event);
    const { values, errors } = readScores(await event.request.formData(), assignment.rubric);
    if (Object.keys(errors).length) return fail(400, { kind: 'scores' as const, values, errors, problem: undefined });
    return { kind: 'confirm' as const, values, errors: {} as FieldErrors, problem: undefined };
  },

  /** Back from the confirmation to the form, with the points as typed. */
  edit: async (event) => {
    const { assignment } = await find(event);
    const { values } = readScores(await event.request.formData(), assignment.rubric);
    return { kind: 'scores' as const, values, errors: {} as FieldErrors, problem: undefined };
  },

  enter: async (event) => {
    const { assignment } = await find(event);
    const { values, errors, scores } = readScores(await event.request.formData(), assignment.rubric);
    if (Object.keys(errors).length) return fail(400, { kind: 'scores' as const, values, errors, problem: undefined });
    const result = await competitionsApi(event).enterScore(event.params.applicationId, scores);
    if (!result.ok)
      return refusal('scores' as const, result.status, result.error, values, (path) =>
        path.startsWith('scores.') ? path : null,
      );
    redirect(303, `/interviews/${event.params.applicationId}?entered=1`);
  },
};
