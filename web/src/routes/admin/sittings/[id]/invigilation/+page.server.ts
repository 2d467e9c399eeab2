import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { invigilationApi, loadSittingInvigilation } from '$lib/api/invigilation';
import { sittingsApi } from '$lib/api/sittings';
import { formValues, loadFailure, messageFor, reasonProblem, type FieldErrors } from '$lib/forms';
import { requireRole } from '$lib/guards';
import { askedPage } from '$lib/paging';
import type { MessageKey } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

const NOTICES = ['assigned', 'removed', 'extended', 'annulled'] as const;
type Notice = (typeof NOTICES)[number];

/** A sitting's rooms, their invigilators and the incidents recorded in them, for an administrator. */
export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const id = event.params.id;
  const page = askedPage(event.url);
  const [sitting, panels] = await Promise.all([sittingsApi(event).get(id), loadSittingInvigilation(event, id, page)]);
  if (!sitting.ok) loadFailure(sitting, 'Sitting not found');
  if (!panels) error(503, { message: 'Sitting not found' });
  const params = event.url.searchParams;
  const notice = params.get('notice');
  return {
    sitting: sitting.data,
    panels,
    notice: (NOTICES as readonly string[]).includes(notice ?? '') ? (notice as Notice) : null,
    name: params.get('name') ?? '',
    room: params.get('room') ?? '',
    count: Number(params.get('count') ?? '') || 0,
    minutes: Number(params.get('minutes') ?? '') || 0,
  };
};

/** A whole number as typed; anything else goes as null, which the API reports beside the field. */
function integer(value: string): number {
  const trimmed = value.trim();
  return (/^\d+$/.test(trimmed) ? Number(trimmed) : null) as number;
}

/** To this page with a notice, wherever the panel's form was (here, or on the sitting's own page). */
function done(event: RequestEvent, notice: Notice, extra: Record<string, string> = {}): never {
  const query = new URLSearchParams({ notice, ...extra }).toString();
  redirect(303, `/admin/sittings/${encodeURIComponent(event.params.id ?? '')}/invigilation?${query}`);
}

/** A refusal worded per field where the form has one, and a general message for the rest. */
function refused(
  status: number,
  fields: readonly string[],
  err: { code: string; fields?: { field: string; code: string }[] },
) {
  const errors: FieldErrors = {};
  let general: MessageKey | undefined;
  for (const problem of err.fields ?? []) {
    if (fields.includes(problem.field)) errors[problem.field] ??= problem.code;
    else errors[fields[0]!] ??= problem.code;
  }
  if (!err.fields?.length) general = messageFor(status, err as never);
  return { errors, general };
}

export const actions: Actions = {
  assign: async (event) => {
    const values = formValues(await event.request.formData(), ['roomId', 'userId'] as const);
    const result = await invigilationApi(event).assign(values.roomId, values.userId);
    if (!result.ok) {
      const { errors, general } = refused(result.status, ['userId'], result.error);
      return fail(result.status, { kind: 'assign' as const, roomId: values.roomId, errors, message: general });
    }
    const room = result.data.rooms.find((r) => r.id === values.roomId);
    const person = room?.invigilators.find((p) => p.id === values.userId);
    done(event, 'assigned', { name: person?.fullName ?? '', room: room?.name ?? '' });
  },

  /** First step of taking someone off a room: the administrator confirms. */
  prepareUnassign: async (event) => {
    const values = formValues(await event.request.formData(), ['roomId', 'userId'] as const);
    return { kind: 'confirm-unassign' as const, values };
  },

  unassign: async (event) => {
    const values = formValues(await event.request.formData(), ['roomId', 'userId', 'name', 'room'] as const);
    const result = await invigilationApi(event).unassign(values.roomId, values.userId);
    if (!result.ok)
      return fail(result.status, { kind: 'unassign' as const, message: messageFor(result.status, result.error) });
    done(event, 'removed', { name: values.name, room: values.room });
  },

  extend: async (event) => {
    const values = formValues(await event.request.formData(), ['incidentId', 'minutes', 'reason'] as const);
    const result = await invigilationApi(event).extend(values.incidentId, {
      minutes: integer(values.minutes),
      reason: values.reason.trim(),
    });
    if (!result.ok) {
      const { errors, general } = refused(result.status, ['minutes', 'reason'], result.error);
      return fail(result.status, {
        kind: 'extend' as const,
        incidentId: values.incidentId,
        values,
        errors,
        message: general,
      });
    }
    done(event, 'extended', { count: String(result.data.attempts), minutes: values.minutes.trim() });
  },

  /** First step of annulling: the reason is checked, then the administrator confirms. */
  prepareAnnul: async (event) => {
    const values = formValues(await event.request.formData(), ['incidentId', 'reason'] as const);
    const problem = reasonProblem(values.reason);
    if (problem)
      return fail(400, {
        kind: 'annul' as const,
        incidentId: values.incidentId,
        values,
        errors: { reason: problem } as FieldErrors,
        message: undefined,
      });
    return { kind: 'confirm-annul' as const, values: { incidentId: values.incidentId, reason: values.reason.trim() } };
  },

  annul: async (event) => {
    const values = formValues(await event.request.formData(), ['incidentId', 'reason'] as const);
    const result = await invigilationApi(event).annul(values.incidentId, { reason: values.reason.trim() });
    if (!result.ok) {
      const { errors, general } = refused(result.status, ['reason'], result.error);
      return fail(result.status, {
        kind: 'annul' as const,
        incidentId: values.incidentId,
        values,
        errors,
        message: general,
      });
    }
    done(event, 'annulled');
  },
};
