import { error, redirect } from '@sveltejs/kit';
import { competitionsApi } from '$lib/api/competitions';
import { refusal } from '$lib/components/competitions/forms';
import {
  placeVacancyError,
  vacancyFormErrors,
  vacancyFromForm,
  vacancyValues,
} from '$lib/components/competitions/vacancy-form';
import { requireRole } from '$lib/guards';
import { formChoices } from '../../vacancy-page';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const choices = await formChoices(event);
  const vacancy = choices.round.vacancies.find((v) => v.id === event.params.vacancyId);
  if (!vacancy) error(404, { message: 'Not found' });
  if (vacancy.status !== 'draft') redirect(303, `/admin/rounds/${choices.round.id}/vacancies/${vacancy.id}`);
  return { ...choices, vacancy, initial: vacancyValues(vacancy) };
};

export const actions: Actions = {
  save: async (event) => {
    const { values, body } = vacancyFromForm(await event.request.formData());
    const known = vacancyFormErrors(values);
    const result = await competitionsApi(event).updateVacancy(event.params.vacancyId, body);
    if (!result.ok) return refusal('save' as const, result.status, result.error, values, placeVacancyError, known);
    redirect(303, `/admin/rounds/${event.params.id}?notice=saved`);
  },
};
