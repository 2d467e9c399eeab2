import { fail, redirect } from '@sveltejs/kit';
import { competitionsApi } from '$lib/api/competitions';
import { markingApi, type PlanBody } from '$lib/api/marking';
import { refusal, text } from '$lib/components/competitions/forms';
import { loadFailure, type FieldErrors } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { Actions, PageServerLoad } from './$types';

const RULES = ['closest-pair', 'chief', 'mean-of-three'] as const;

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const api = markingApi(event);
  const [plan, staff] = await Promise.all([api.plan(event.params.id), competitionsApi(event).staff()]);
  if (!plan.ok) loadFailure(plan, 'Not found');
  return {
    view: plan.data,
    staff: staff.ok ? staff.data.map((s) => ({ id: s.id, fullName: s.fullName, role: s.role })) : [],
    done: event.url.searchParams.get('done'),
  };
};

export const actions: Actions = {
  plan: async (event) => {
    const data = await event.request.formData();
    const markerIds = data.getAll('markerIds').filter((v): v is string => typeof v === 'string');
    const chiefId = text(data, 'chiefId');
    const threshold = text(data, 'threshold');
    const rule = text(data, 'rule');
    const values = { markerIds, chiefId, threshold, rule };
    const errors: FieldErrors = {};
    if (markerIds.length < 2) errors.markerIds = 'too_few';
    if (!chiefId) errors.chiefId = 'required';
    else if (markerIds.includes(chiefId)) errors.chiefId = 'is_marker';
    if (!/^\d{1,3}$/.test(threshold) || Number(threshold) > 100) errors.threshold = 'integer';
    if (!(RULES as readonly string[]).includes(rule)) errors.rule = 'required';
    if (Object.keys(errors).length) return fail(400, { kind: 'plan' as const, values, errors, problem: undefined });
    const body: PlanBody = { markerIds, chiefId, threshold: Number(threshold), rule: rule as PlanBody['rule'] };
    const result = await markingApi(event).createPlan(event.params.id, body);
    if (!result.ok)
      return refusal('plan' as const, result.status, result.error, values, (path) => {
        const field = path.split('.')[0]!;
        return ['markerIds', 'chiefId', 'threshold', 'rule'].includes(field) ? field : null;
      });
    redirect(303, `/admin/sittings/${encodeURIComponent(event.params.id)}/marking?done=plan`);
  },

  /** Late scripts (submitted after the plan) handed to markers under the published plan. */
  late: async (event) => {
    const result = await markingApi(event).handOutLate(event.params.id);
    if (!result.ok) return refusal('late' as const, result.status, result.error, {}, () => null);
    redirect(303, `/admin/sittings/${encodeURIComponent(event.params.id)}/marking?done=late`);
  },

  reveal: async (event) => {
    const result = await markingApi(event).reveal(event.params.id);
    if (!result.ok) return refusal('reveal' as const, result.status, result.error, {}, () => null);
    redirect(303, `/admin/sittings/${encodeURIComponent(event.params.id)}/marking?done=reveal`);
  },
};
