import { redirect } from '@sveltejs/kit';
import { competitionsApi } from '$lib/api/competitions';
import { refusal, text } from '$lib/components/competitions/forms';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import { agencyFromForm, placeAgencyError } from './agency-form';
import type { Actions, PageServerLoad } from './$types';

const NOTICES = ['created', 'saved', 'deleted'] as const;

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const result = await competitionsApi(event).agencies();
  if (!result.ok) loadFailure(result);
  const notice = event.url.searchParams.get('notice');
  return {
    agencies: result.data,
    notice: (NOTICES as readonly string[]).includes(notice ?? '') ? (notice as (typeof NOTICES)[number]) : null,
    code: event.url.searchParams.get('code') ?? '',
  };
};

export const actions: Actions = {
  create: async (event) => {
    const { values, body } = agencyFromForm(await event.request.formData());
    const result = await competitionsApi(event).createAgency(body);
    if (!result.ok) return refusal('create' as const, result.status, result.error, values, placeAgencyError);
    redirect(303, `/admin/agencies?notice=created&code=${encodeURIComponent(result.data.code)}`);
  },

  /** First step of removing an agency: nothing is sent until the administrator confirms. */
  prepareDelete: async (event) => ({ kind: 'confirm-delete' as const, id: text(await event.request.formData(), 'id') }),

  delete: async (event) => {
    const id = text(await event.request.formData(), 'id');
    const api = competitionsApi(event);
    const result = await api.deleteAgency(id);
    if (!result.ok) return refusal('delete' as const, result.status, result.error, { id }, () => null);
    redirect(303, '/admin/agencies?notice=deleted');
  },
};
