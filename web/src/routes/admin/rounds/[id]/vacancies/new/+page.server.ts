import { redirect } from '@sveltejs/kit';
import { competitionsApi } from '$lib/api/competitions';
import { refusal } from '$lib/components/competitions/forms';
import {
  emptyVacancy,
  placeVacancyError,
  vacancyFormErrors,
  vacancyFromForm,
} from '$lib/components/competitions/vacancy-form';
import { requireRole } from '$lib/guards';
import { formChoices } from '../vacancy-page';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const choices = await formChoices(event);
  if (choices.round.status !== 'draft') redirect(303, `/admin/rounds/${choices.round.id}`);
  return { ...choices, initial: emptyVacancy(choices.agencies[0]?.id ?? '', choices.categories[0]?.code ?? '') };
};

export const actions: Actions = {
  save: async (event) => {
    const { values, body } = vacancyFromForm(await event.request.formData());
    const known = vacancyFormErrors(values);
    const result = await competitionsApi(event).addVacancy(event.params.id, body);
    if (!result.ok) return refusal('save' as const, result.status, result.error, values, placeVacancyError, known);
    redirect(303, `/admin/rounds/${event.params.id}?notice=vacancyAdded`);
  },
};
