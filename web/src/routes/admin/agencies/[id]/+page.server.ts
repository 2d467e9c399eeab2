import { error, redirect } from '@sveltejs/kit';
import { competitionsApi } from '$lib/api/competitions';
import { localisedFrom, refusal } from '$lib/components/competitions/forms';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import { agencyFromForm, placeAgencyError } from '../agency-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const result = await competitionsApi(event).agencies();
  if (!result.ok) loadFailure(result);
  const agency = result.data.find((a) => a.id === event.params.id);
  if (!agency) error(404, { message: 'Not found' });
  return { agency, values: { code: agency.code, ...localisedFrom('name', agency.name) } };
};

export const actions: Actions = {
  save: async (event) => {
    const { values, body } = agencyFromForm(await event.request.formData());
    const result = await competitionsApi(event).updateAgency(event.params.id, body);
    if (!result.ok) return refusal('save' as const, result.status, result.error, values, placeAgencyError);
    redirect(303, `/admin/agencies?notice=saved&code=${encodeURIComponent(result.data.code)}`);
  },
};
