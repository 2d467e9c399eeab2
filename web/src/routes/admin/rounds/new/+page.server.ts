import { redirect } from '@sveltejs/kit';
import { competitionsApi } from '$lib/api/competitions';
import { refusal } from '$lib/components/competitions/forms';
import { MAX_CRITERIA, emptyRound, placeRoundError, roundFromForm } from '$lib/components/competitions/round-form';
import { requireRole } from '$lib/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  return { initial: emptyRound() };
};

export const actions: Actions = {
  save: async (event) => {
    const { values, body } = roundFromForm(await event.request.formData());
    const result = await competitionsApi(event).createRound(body);
    if (!result.ok) return refusal('save' as const, result.status, result.error, values, placeRoundError);
    redirect(303, `/admin/rounds/${result.data.id}?notice=created`);
  },
  /** A further rubric row, added without JavaScript; nothing is saved. */
  addCriterion: async (event) => {
    const { values } = roundFromForm(await event.request.formData());
    values.criteria = Math.min(values.criteria + 1, MAX_CRITERIA);
    return { kind: 'save' as const, values, errors: {} as Record<string, string>, problem: undefined };
  },
};
