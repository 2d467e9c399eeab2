import { fail, redirect } from '@sveltejs/kit';
import { appealsStaffApi, type AnnulmentOutcome, type QueueStatus } from '$lib/api/appeals-staff';
import { loadFailure, messageFor } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { MessageKey } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const user = requireRole(await event.parent(), event.url, 'administrator');
  const status: QueueStatus = event.url.searchParams.get('status') === 'decided' ? 'decided' : 'pending';
  const queue = await appealsStaffApi(event).annulmentAppeals(status);
  if (!queue.ok) loadFailure(queue);
  return {
    me: user.id,
    status,
    appeals: queue.data,
    decided: event.url.searchParams.get('notice') === 'decided',
  };
};

/** The decision as typed, and what is wrong with it (the API's own limits). */
function readDecision(data: FormData) {
  const id = String(data.get('appealId') ?? '');
  const outcome = String(data.get('outcome') ?? '');
  const reason = String(data.get('reason') ?? '');
  const errors: { outcome?: string; reason?: string } = {};
  if (outcome !== 'uphold' && outcome !== 'reject') errors.outcome = 'required';
  const trimmed = reason.trim();
  if (!trimmed) errors.reason = 'required';
  else if (trimmed.length < 10) errors.reason = 'minLength';
  else if (reason.length > 4000) errors.reason = 'maxLength';
  return { id, outcome, reason, errors };
}

const REFUSALS: Record<string, MessageKey> = {
  'appeal.decided': 'commission.annulments.refused.decided',
  'appeal.stale': 'commission.annulments.refused.stale',
};

export const actions: Actions = {
  /** First step: the decision is checked and shown back; nothing is sent until the administrator confirms. */
  prepare: async (event) => {
    const typed = readDecision(await event.request.formData());
    if (Object.keys(typed.errors).length) return fail(400, { kind: 'form' as const, ...typed, message: undefined });
    return { kind: 'review' as const, ...typed };
  },

  decide: async (event) => {
    const typed = readDecision(await event.request.formData());
    if (Object.keys(typed.errors).length) return fail(400, { kind: 'form' as const, ...typed, message: undefined });
    const result = await appealsStaffApi(event).decideAnnulmentAppeal(typed.id, {
      outcome: typed.outcome as AnnulmentOutcome,
      reason: typed.reason,
    });
    if (!result.ok) {
      const code = result.error.fields?.[0]?.code ?? '';
      const message: MessageKey =
        result.status === 403
          ? 'commission.annulments.refused.yours'
          : (REFUSALS[code] ?? messageFor(result.status, result.error));
      return fail(result.status, { kind: 'form' as const, ...typed, message });
    }
    redirect(303, '/commission/annulments?notice=decided');
  },
};
