import { redirect } from '@sveltejs/kit';
import { competitionsApi } from '$lib/api/competitions';
import { refusal, text } from '$lib/components/competitions/forms';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { Actions, PageServerLoad } from './$types';

const NOTICES = ['created', 'saved', 'vacancyAdded', 'vacancyRemoved', 'announced'] as const;

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const result = await competitionsApi(event).adminRound(event.params.id);
  if (!result.ok) loadFailure(result, 'Not found');
  const notice = event.url.searchParams.get('notice');
  return {
    round: result.data,
    notice: (NOTICES as readonly string[]).includes(notice ?? '') ? (notice as (typeof NOTICES)[number]) : null,
  };
};

export const actions: Actions = {
  /** First step of announcing: it publishes the round for good, so the administrator confirms first. */
  prepareAnnounce: () => ({ kind: 'confirm-announce' as const }),

  announce: async (event) => {
    const result = await competitionsApi(event).announce(event.params.id);
    if (!result.ok) return refusal('round' as const, result.status, result.error, {}, () => null);
    redirect(303, `/admin/rounds/${event.params.id}?notice=announced`);
  },

  prepareRemove: async (event) => ({
    kind: 'confirm-remove' as const,
    vacancyId: text(await event.request.formData(), 'vacancyId'),
  }),

  remove: async (event) => {
    const vacancyId = text(await event.request.formData(), 'vacancyId');
    const result = await competitionsApi(event).deleteVacancy(vacancyId);
    if (!result.ok) return refusal('round' as const, result.status, result.error, {}, () => null);
    redirect(303, `/admin/rounds/${event.params.id}?notice=vacancyRemoved`);
  },
};
