import { error, redirect } from '@sveltejs/kit';
import { stagesApi } from '$lib/api/stages';
import { refusal } from '$lib/components/competitions/forms';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { Actions, PageServerLoad } from './$types';

const position = (raw: string) => (/^[1-8]$/.test(raw) ? Number(raw) : null);

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const at = position(event.params.position);
  if (at === null) error(404, { message: 'Not found' });
  const preview = await stagesApi(event).preview(event.params.vacancyId, at);
  if (!preview.ok) loadFailure(preview, 'Not found');
  if (preview.data.vacancy.roundId !== event.params.id) error(404, { message: 'Not found' });
  return { preview: preview.data, advanced: event.url.searchParams.get('notice') === 'advanced' };
};

export const actions: Actions = {
  /** The first step: advancing publishes for good, so the administrator confirms what the gate decides. */
  prepare: () => ({ kind: 'confirm' as const }),

  advance: async (event) => {
    const at = position(event.params.position);
    if (at === null) error(404, { message: 'Not found' });
    const result = await stagesApi(event).advance(event.params.vacancyId, at);
    if (!result.ok) return refusal('advance' as const, result.status, result.error, {}, () => null);
    redirect(303, `${event.url.pathname}?notice=advanced`);
  },
};
