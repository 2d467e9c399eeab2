import { redirect } from '@sveltejs/kit';
import { competitionsApi } from '$lib/api/competitions';
import { refusal } from '$lib/components/competitions/forms';
import { MAX_CRITERIA, placeRoundError, roundFromForm, roundValues } from '$lib/components/competitions/round-form';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const result = await competitionsApi(event).adminRound(event.params.id);
  if (!result.ok) loadFailure(result, 'Not found');
  // Announced terms are published and fixed: there is nothing to edit.
  if (result.data.status !== 'draft') redirect(303, `/admin/rounds/${result.data.id}`);
  return { round: result.data, initial: roundValues(result.data) };
};

export const actions: Actions = {
  save: async (event) => {
    const { values, body } = roundFromForm(await event.request.formData());
    const result = await competitionsApi(event).updateRound(event.params.id, body);
    if (!result.ok) return refusal('save' as const, result.status, result.error, values, placeRoundError);
    redirect(303, `/admin/rounds/${result.data.id}?notice=saved`);
  },
  addCriterion: async (event) => {
    const { values } = roundFromForm(await event.request.formData());
    values.criteria = Math.min(values.criteria + 1, MAX_CRITERIA);
    return { kind: 'save' as const, values, errors: {} as Record<string, string>, problem: undefined };
  },
};
