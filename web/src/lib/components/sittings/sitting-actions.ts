import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { ApiResult } from '$lib/api/client';
import type { Sitting, SittingInput } from '$lib/api/sittings';
import { conflictMessage, failStatus, messageFor, type FieldErrors } from '$lib/forms';
import type { MessageKey } from '$lib/i18n';
import { MAX_ROOMS, buildSitting, emptyRoom, sittingErrors, valuesFromForm, withoutBlankRooms } from './sitting-form';

/** Room rows added or removed by named submit buttons, so the form works without JavaScript; nothing is saved. */
async function changeRooms(event: RequestEvent, change: 'add' | 'remove') {
  const data = await event.request.formData();
  const values = valuesFromForm(data);
  const index = Number(data.get('index'));
  if (change === 'add' && values.rooms.length < MAX_ROOMS) values.rooms.push(emptyRoom());
  if (change === 'remove' && values.rooms.length > 1 && Number.isInteger(index) && index >= 0)
    values.rooms.splice(index, 1);
  return { values, errors: {} as FieldErrors, message: undefined as MessageKey | undefined };
}

/**
 * The sitting form's actions, for a new sitting and for a draft alike: `save` sends the form through
 * `send` and goes to the sitting with `notice`, or shows the refusal beside the fields (a conflict
 * `conflicts` words, else a general message for what no field explains); the room buttons change the rows.
 */
export function sittingFormActions<E extends RequestEvent>(
  send: (event: E, body: SittingInput) => Promise<ApiResult<Sitting>>,
  notice: 'created' | 'updated',
  conflicts: Record<string, MessageKey> = {},
) {
  return {
    save: async (event: E) => {
      const values = withoutBlankRooms(valuesFromForm(await event.request.formData()));
      const built = buildSitting(values);
      const result = await send(event, built.body);
      if (result.ok) redirect(303, `/admin/sittings/${result.data.id}?notice=${notice}`);
      const placed = sittingErrors(result.error, built, values.rooms.length);
      if (values.rooms.length === 0) values.rooms.push(emptyRoom());
      return fail(failStatus(result.status), {
        values,
        errors: placed.errors,
        message:
          conflictMessage(result.error, conflicts) ??
          (placed.unplaced ? messageFor(result.status, result.error) : undefined),
      });
    },
    addRoom: (event: E) => changeRooms(event, 'add'),
    removeRoom: (event: E) => changeRooms(event, 'remove'),
  };
}
