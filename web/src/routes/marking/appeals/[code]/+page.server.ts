import { fail, redirect } from '@sveltejs/kit';
import type { ApiEvent } from '$lib/api/client';
import { markingApi, type MarkingAppealCase } from '$lib/api/marking';
import { refusal, text } from '$lib/components/competitions/forms';
import { pointsProblem } from '$lib/components/marking/rubric';
import { loadFailure, type FieldErrors } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { Actions, PageServerLoad } from './$types';

async function find(event: ApiEvent & { params: { code: string } }): Promise<MarkingAppealCase> {
  const result = await markingApi(event).appealCase(event.params.code);
  if (!result.ok) loadFailure(result, 'Not found');
  return result.data;
}

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  return { appeal: await find(event), decided: event.url.searchParams.get('decided') === '1' };
};

/** The API's `criteria.<i>.points` is the form's `points.<criterion id>`; `reason` is `decisionReason`. */
const placeFor = (rubric: MarkingAppealCase['rubric']) => (path: string) => {
  if (path === 'reason') return 'decisionReason';
  if (path === 'outcome') return 'outcome';
  const match = /^criteria\.(\d+)\.points$/.exec(path);
  const criterion = match ? rubric[Number(match[1])] : undefined;
  return criterion ? `points.${criterion.id}` : null;
};

export const actions: Actions = {
  decide: async (event) => {
    const appeal = await find(event);
    const data = await event.request.formData();
    const values: Record<string, string> = {
      outcome: text(data, 'outcome'),
      decisionReason: text(data, 'decisionReason'),
    };
    const errors: FieldErrors = {};
    const outcome = values.outcome;
    if (outcome !== 'upheld' && outcome !== 'rejected') errors.outcome = 'required';
    const criteria: { criterionId: string; points: number }[] = [];
    for (const criterion of appeal.rubric) {
      const name = `points.${criterion.id}`;
      const points = text(data, name);
      values[name] = points;
      if (outcome !== 'upheld') continue;
      const wrong = pointsProblem(points, criterion.maxPoints);
      if (wrong) errors[name] = wrong;
      criteria.push({ criterionId: criterion.id, points: Number(points) });
    }
    const reason = values.decisionReason!;
    if (reason === '') errors.decisionReason = 'required';
    else if (reason.length < 10) errors.decisionReason = 'minLength';
    else if (reason.length > 4_000) errors.decisionReason = 'maxLength';
    if (Object.keys(errors).length) return fail(400, { kind: 'decision' as const, values, errors, problem: undefined });
    const result = await markingApi(event).decide(event.params.code, {
      outcome: outcome as 'upheld' | 'rejected',
      reason,
      ...(outcome === 'upheld' ? { criteria } : {}),
    });
    if (!result.ok) return refusal('decision' as const, result.status, result.error, values, placeFor(appeal.rubric));
    redirect(303, `/marking/appeals/${encodeURIComponent(event.params.code)}?decided=1`);
  },
};
