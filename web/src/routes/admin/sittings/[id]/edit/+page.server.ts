import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { sittingsApi } from '$lib/api/sittings';
import { failStatus, loadFailure, messageFor } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { MessageKey } from '$lib/i18n';
import {
  MAX_ROOMS,
  buildSitting,
  emptyRoom,
  sittingErrors,
  valuesFromForm,
  valuesFromSitting,
  withoutBlankRooms,
} from '$lib/components/sittings/sitting-form';
import type { Actions, PageServerLoad } from './$types';

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

/** Room rows added or removed by named submit buttons, so the form works without JavaScript; nothing is saved. */
async function changeRooms(event: RequestEvent, change: 'add' | 'remove') {
  const data = await event.request.formData();
  const values = valuesFromForm(data);
  const index = Number(data.get('index'));
  if (change === 'add' && values.rooms.length < MAX_ROOMS) values.rooms.push(emptyRoom());
  if (change === 'remove' && values.rooms.length > 1 && Number.isInteger(index) && index >= 0)
    values.rooms.splice(index, 1);
  return { values, errors: {} as Record<string, string>, message: undefined as MessageKey | undefined };
}

export const actions: Actions = {
  save: async (event) => {
    const values = withoutBlankRooms(valuesFromForm(await event.request.formData()));
    const built = buildSitting(values);
    const result = await sittingsApi(event).update(event.params.id, built.body);
    if (result.ok) redirect(303, `/admin/sittings/${result.data.id}?notice=updated`);
    const placed = sittingErrors(result.error, built, values.rooms.length);
    if (values.rooms.length === 0) values.rooms.push(emptyRoom());
    const notDraft = result.error.fields?.some((f) => f.code === 'sitting.not_draft');
    return fail(failStatus(result.status), {
      values,
      errors: placed.errors,
      message: notDraft
        ? ('sittings.conflicts.sitting_not_draft' as MessageKey)
        : placed.unplaced
          ? messageFor(result.status, result.error)
          : undefined,
    });
  },
  addRoom: (event) => changeRooms(event, 'add'),
  removeRoom: (event) => changeRooms(event, 'remove'),
};
