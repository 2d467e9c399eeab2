import { redirect } from '@sveltejs/kit';
import { sittingsApi } from '$lib/api/sittings';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import { sittingFormActions } from '$lib/components/sittings/sitting-actions';
import { valuesFromSitting } from '$lib/components/sittings/sitting-form';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/* Editing a draft: the new-sitting form, filled with the sitting as saved. */

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const api = sittingsApi(event);
  const [sitting, categories, blueprints] = await Promise.all([
    api.get(event.params.id),
    api.categories(),
    api.blueprints(),
  ]);
  if (!sitting.ok) loadFailure(sitting, 'Not found');
  // Only a draft is edited; anything else is rescheduled or cancelled from its page.
  if (sitting.data.status !== 'draft') redirect(303, `/admin/sittings/${sitting.data.id}`);
  if (!categories.ok) loadFailure(categories);
  if (!blueprints.ok) loadFailure(blueprints);
  return {
    sitting: sitting.data,
    categories: categories.data.filter((c) => c.parentCode !== null),
    blueprints: blueprints.data.filter((b) => !b.archived || b.id === sitting.data.blueprintId),
    initial: valuesFromSitting(sitting.data),
  };
};

export const actions: Actions = sittingFormActions(
  (event: RequestEvent, body) => sittingsApi(event).update(event.params.id, body),
  'updated',
  { 'sitting.not_draft': 'sittings.conflicts.sitting_not_draft' },
);
