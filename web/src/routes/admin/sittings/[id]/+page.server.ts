import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { callApi, type ApiError } from '$lib/api/client';
import { sittingsApi, type Accommodation } from '$lib/api/sittings';
import {
  conflictMessage,
  failStatus,
  formValues,
  loadFailure,
  messageFor,
  reasonStep,
  type FieldErrors,
} from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { MessageKey } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';
import { loadPublication, publicationActions } from './publication';
import { loadSittingInvigilation } from '$lib/api/invigilation';

const NOTICES = [
  'created',
  'opened',
  'closed',
  'granted',
  'extended',
  'extendedAll',
  'annulled',
  'updated',
  'rescheduled',
  'cancelled',
  'moved',
] as const;
type Notice = (typeof NOTICES)[number];

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const api = sittingsApi(event);
  const id = event.params.id;
  const [sitting, roster, board] = await Promise.all([api.get(id), api.roster(id), api.board(id)]);
  if (!sitting.ok) loadFailure(sitting, 'Not found');
  const params = event.url.searchParams;
  const notice = params.get('notice');
  // Once candidates may have started, the publication panel says who still writes and who is absent.
  const readiness =
    sitting.data.status === 'closed' && ['entry', 'running', 'finished'].includes(sitting.data.phase)
      ? await api.readiness(id)
      : null;
  return {
    sitting: sitting.data,
    readiness: readiness ? (readiness.ok ? readiness.data : null) : undefined,
    publication: await loadPublication(event, sitting.data),
    invigilation: await loadSittingInvigilation(event, id),
    roster: roster.ok ? roster.data : null,
    board: board.ok ? board.data : null,
    notice: (NOTICES as readonly string[]).includes(notice ?? '') ? (notice as Notice) : null,
    noticeCandidate: params.get('candidate') ?? '',
    papers: Number(params.get('papers') ?? '') || 0,
    /** After a room-wide extension: how many attempts, by how many minutes. */
    extendedCount: Number(params.get('count') ?? '') || 0,
    extendedMinutes: Number(params.get('minutes') ?? '') || 0,
    /** The candidate whose attempt a panel acts on, chosen by a link on the board. */
    extend: params.get('extend') ?? '',
    annul: params.get('annul') ?? '',
  };
};

/** Domain refusals (409) by the code the API gives, in words for the administrator. */
const CONFLICTS: Record<string, MessageKey> = {
  'sitting.not_draft': 'sittings.conflicts.sitting_not_draft',
  'sitting.not_booking': 'sittings.conflicts.sitting_not_booking',
  'sitting.infeasible': 'sittings.conflicts.sitting_infeasible',
  'attempt.started': 'sittings.conflicts.attempt_started',
  'attempt.not_in_progress': 'sittings.conflicts.attempt_not_in_progress',
  'attempt.annulled': 'sittings.conflicts.attempt_annulled',
  'sitting.nobody_sitting': 'sittings.conflicts.sitting_nobody_sitting',
  'booking.cancelled': 'sittings.conflicts.booking_cancelled',
};

function generalMessage(status: number, err: ApiError): MessageKey {
  const conflict = conflictMessage(err, CONFLICTS);
  if (conflict) return conflict;
  if (status === 404) return 'sittings.detail.notFound';
  return messageFor(status, err);
}

/**
 * An API refusal of one of the page's small forms: a code per field the form shows, and a general
 * message for anything no field explains (a conflict, a session that ended).
 */
function refusal<K extends string, V extends Record<string, string>, E extends object = object>(
  kind: K,
  status: number,
  err: ApiError,
  values: V,
  fields: readonly string[],
  extra?: E,
) {
  const errors: FieldErrors = {};
  let unexplained = !err.fields?.length;
  for (const problem of err.fields ?? []) {
    if (!fields.includes(problem.field)) {
      unexplained = true;
      continue;
    }
    errors[problem.field] ??=
      problem.code === 'minLength' && (values[problem.field] ?? '').trim() === '' ? 'required' : problem.code;
  }
  return fail(failStatus(status), {
    kind,
    values,
    errors,
    message: unexplained ? generalMessage(status, err) : undefined,
    ...extra,
  });
}

/** A whole number as typed; anything else goes as null, which the API reports beside the field. */
function integer(value: string): number {
  const trimmed = value.trim();
  return (/^\d+$/.test(trimmed) ? Number(trimmed) : null) as number;
}

function done(event: RequestEvent, notice: Notice, extra: Record<string, string> = {}): never {
  const query = new URLSearchParams({ notice, ...extra });
  redirect(303, `/admin/sittings/${encodeURIComponent(event.params.id ?? '')}?${query.toString()}`);
}

export const actions: Actions = {
  ...publicationActions,

  openBooking: async (event) => {
    const result = await sittingsApi(event).openBooking(event.params.id);
    if (!result.ok)
      return fail(result.status, { kind: 'sitting' as const, message: generalMessage(result.status, result.error) });
    done(event, 'opened');
  },

  /** First step of closing: nothing is sent until the administrator confirms, since it fixes the roster. */
  prepareClose: () => ({ kind: 'confirm-close' as const }),

  closeBooking: async (event) => {
    const api = sittingsApi(event);
    const result = await api.closeBooking(event.params.id);
    if (!result.ok)
      return fail(result.status, { kind: 'sitting' as const, message: generalMessage(result.status, result.error) });
    const board = await api.board(event.params.id);
    const papers = board.ok ? board.data.candidates.filter((c) => c.attemptId !== null).length : result.data.booked;
    done(event, 'closed', { papers: String(papers) });
  },

  accommodation: async (event) => {
    const data = await event.request.formData();
    const values = formValues(data, ['bookingId', 'extraTimePercent', 'reason', 'note'] as const);
    const kinds = data.getAll('accommodations').filter((v): v is string => typeof v === 'string');
    if (!values.bookingId) {
      return fail(400, {
        kind: 'accommodation' as const,
        values,
        errors: { bookingId: 'required' } as FieldErrors,
        message: undefined,
        kinds,
      });
    }
    const result = await sittingsApi(event).grantAccommodation(values.bookingId, {
      extraTimePercent: integer(values.extraTimePercent),
      reason: values.reason.trim(),
      accommodations: kinds as Accommodation['accommodations'],
      note: values.note.trim(),
    });
    if (!result.ok) {
      if (result.error.fields?.some((f) => f.code === 'attempt.started')) {
        return fail(result.status, {
          kind: 'accommodation' as const,
          values,
          errors: { bookingId: 'attempt.started' } as FieldErrors,
          message: undefined,
          kinds,
        });
      }
      // An unknown kind is named by its place in the list (`accommodations.0`): it belongs to the list.
      const error = {
        ...result.error,
        fields: result.error.fields?.map((f) =>
          f.field.startsWith('accommodations') ? { ...f, field: 'accommodations', code: 'invalid' } : f,
        ),
      };
      return refusal(
        'accommodation' as const,
        result.status,
        error,
        values,
        ['extraTimePercent', 'reason', 'accommodations', 'note'],
        { kinds },
      );
    }
    done(event, 'granted', { candidate: result.data.candidateCode });
  },

  extend: async (event) => {
    const values = formValues(await event.request.formData(), ['attemptId', 'minutes', 'reason'] as const);
    const result = await sittingsApi(event).extend(values.attemptId, {
      minutes: integer(values.minutes),
      reason: values.reason.trim(),
    });
    if (!result.ok) return refusal('extend' as const, result.status, result.error, values, ['minutes', 'reason']);
    done(event, 'extended', { candidate: result.data.candidateCode });
  },

  /** Everyone sitting the exam now gets the minutes, in one audited step (after an incident in the room). */
  extendAll: async (event) => {
    const values = formValues(await event.request.formData(), ['minutes', 'reason'] as const);
    const result = await callApi<{ extended: number; minutes: number }>(
      event,
      'POST',
      `/api/admin/sittings/${encodeURIComponent(event.params.id)}/extend`,
      { body: { minutes: integer(values.minutes), reason: values.reason.trim() } },
    );
    if (!result.ok) return refusal('extendAll' as const, result.status, result.error, values, ['minutes', 'reason']);
    done(event, 'extendedAll', { count: String(result.data.extended), minutes: String(result.data.minutes) });
  },

  /** First step of annulling: the reason is checked, then the administrator confirms. */
  prepareAnnul: (event) => reasonStep(event.request, 'annul', 'attemptId'),

  annul: async (event) => {
    const values = formValues(await event.request.formData(), ['attemptId', 'reason'] as const);
    const result = await sittingsApi(event).annul(values.attemptId, { reason: values.reason.trim() });
    if (!result.ok) return refusal('annul' as const, result.status, result.error, values, ['reason']);
    done(event, 'annulled', { candidate: result.data.candidateCode });
  },
};
