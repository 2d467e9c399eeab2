import { fail, redirect } from '@sveltejs/kit';
import type { ApiEvent } from '$lib/api/client';
import { markingApi, type MarkerScript } from '$lib/api/marking';
import { refusal, text } from '$lib/components/competitions/forms';
import { pointsProblem } from '$lib/components/marking/rubric';
import { loadFailure, type FieldErrors } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { Actions, PageServerLoad } from './$types';

async function find(event: ApiEvent & { params: { code: string } }): Promise<MarkerScript> {
  const result = await markingApi(event).script(event.params.code);
  if (!result.ok) loadFailure(result, 'Not found');
  return result.data;
}

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  return { script: await find(event), entered: event.url.searchParams.get('entered') === '1' };
};

/** Each criterion's points and reason as typed (`points.<id>`, `reason.<id>`), checked against the rubric first. */
function readMarks(data: FormData, rubric: MarkerScript['rubric']) {
  const values: Record<string, string> = {};
  const errors: FieldErrors = {};
  const criteria: { criterionId: string; points: number; justification: string }[] = [];
  for (const criterion of rubric) {
    const pointsName = `points.${criterion.id}`;
    const reasonName = `reason.${criterion.id}`;
    const points = text(data, pointsName);
    const reason = text(data, reasonName);
    values[pointsName] = points;
    values[reasonName] = reason;
    const wrong = pointsProblem(points, criterion.maxPoints);
    if (wrong) errors[pointsName] = wrong;
    if (reason.length < 3) errors[reasonName] = reason === '' ? 'required' : 'minLength';
    else if (reason.length > 1000) errors[reasonName] = 'maxLength';
    criteria.push({ criterionId: criterion.id, points: Number(points), justification: reason });
  }
  return { values, errors, criteria };
}

/** The API's `criteria.<i>.points` is the form's `points.<criterion id>`. */
const placeFor = (rubric: MarkerScript['rubric']) => (path: string) => {
  const match = /^criteria\.(\d+)\.(points|justification)$/.exec(path);
  const criterion = match ? rubric[Number(match[1])] : undefined;
  if (!match || !criterion) return null;
  return `${match[2] === 'points' ? 'points' : 'reason'}.${criterion.id}`;
};

export const actions: Actions = {
  /** First step: the marks are checked and shown back; nothing is sent until the marker confirms. */
  review: async (event) => {
    const script = await find(event);
    const { values, errors } = readMarks(await event.request.formData(), script.rubric);
    if (Object.keys(errors).length) return fail(400, { kind: 'marks' as const, values, errors, problem: undefined });
    return { kind: 'confirm' as const, values, errors: {} as FieldErrors, problem: undefined };
  },

  edit: async (event) => {
    const script = await find(event);
    const { values } = readMarks(await event.request.formData(), script.rubric);
    return { kind: 'marks' as const, values, errors: {} as FieldErrors, problem: undefined };
  },

  enter: async (event) => {
    const script = await find(event);
    const { values, errors, criteria } = readMarks(await event.request.formData(), script.rubric);
    if (Object.keys(errors).length) return fail(400, { kind: 'marks' as const, values, errors, problem: undefined });
    const result = await markingApi(event).mark(event.params.code, { criteria });
    if (!result.ok) return refusal('marks' as const, result.status, result.error, values, placeFor(script.rubric));
    redirect(303, `/marking/${encodeURIComponent(event.params.code)}?entered=1`);
  },
};
