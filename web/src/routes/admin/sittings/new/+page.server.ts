import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { sittingsApi } from '$lib/api/sittings';
import { failStatus, loadFailure, messageFor } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { MessageKey } from '$lib/i18n';
import {
  MAX_ROOMS,
  buildSitting,
  emptyRoom,
  emptySitting,
  sittingErrors,
  valuesFromForm,
  withoutBlankRooms,
} from '$lib/components/sittings/sitting-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const api = sittingsApi(event);
  const [categories, blueprints] = await Promise.all([api.categories(), api.blueprints()]);
  if (!categories.ok) loadFailure(categories);
  if (!blueprints.ok) loadFailure(blueprints);
  const usable = blueprints.data.filter((b) => !b.archived);
  // A sitting tests one subgroup; the groups above them only gather them.
  const subgroups = categories.data.filter((c) => c.parentCode !== null);
  return {
    categories: subgroups,
    blueprints: usable,
    initial: emptySitting(subgroups[0]?.code ?? '', usable[0]?.id ?? ''),
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
    const result = await sittingsApi(event).create(built.body);
    if (result.ok) redirect(303, `/admin/sittings/${result.data.id}?notice=created`);
    const placed = sittingErrors(result.error, built, values.rooms.length);
    if (values.rooms.length === 0) values.rooms.push(emptyRoom());
    return fail(failStatus(result.status), {
      values,
      errors: placed.errors,
      message: placed.unplaced ? messageFor(result.status, result.error) : undefined,
    });
  },
  addRoom: (event) => changeRooms(event, 'add'),
  removeRoom: (event) => changeRooms(event, 'remove'),
};
