import { fail, redirect } from '@sveltejs/kit';
import { appealsStaffApi, type QueueStatus } from '$lib/api/appeals-staff';
import { loadFailure, messageFor } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { MessageKey } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

const NOTICES = ['rejected', 'awaiting', 'confirmed'] as const;
type Notice = (typeof NOTICES)[number];

export const load: PageServerLoad = async (event) => {
  const user = requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  const params = event.url.searchParams;
  const status: QueueStatus = params.get('status') === 'decided' ? 'decided' : 'pending';
  const queue = await appealsStaffApi(event).queue(status);
  if (!queue.ok) loadFailure(queue);
  const notice = params.get('notice');
  return {
    me: user.id,
    /** Administrators also decide appeals against annulments, on their own page. */
    administrator: user.role === 'administrator',
    status,
    groups: queue.data,
    notice: (NOTICES as readonly string[]).includes(notice ?? '') ? (notice as Notice) : null,
    /** The re-scoring job a confirmation queued, linked from the notice. */
    job: params.get('job') ?? '',
  };
};

/** Refusals of a confirmation, in words for the examiner. */
function confirmMessage(status: number, codes: string[]): MessageKey {
  if (status === 403) return 'commission.confirm.notYours';
  if (codes.includes('decision.final')) return 'commission.confirm.alreadyFinal';
  if (status === 404) return 'commission.confirm.notFound';
  return messageFor(status, { code: codes[0] ?? '', message: '' });
}

export const actions: Actions = {
  /** First step of confirming: nothing is sent until the examiner has read what confirming does. */
  prepareConfirm: async (event) => {
    const decisionId = (await event.request.formData()).get('decisionId');
    return { kind: 'confirm' as const, decisionId: typeof decisionId === 'string' ? decisionId : '' };
  },

  confirm: async (event) => {
    const decisionId = (await event.request.formData()).get('decisionId');
    const id = typeof decisionId === 'string' ? decisionId : '';
    const result = await appealsStaffApi(event).confirm(id);
    if (!result.ok) {
      const codes = (result.error.fields ?? []).map((f) => f.code);
      return fail(result.status, {
        kind: 'refused' as const,
        decisionId: id,
        message: confirmMessage(result.status, codes),
      });
    }
    const query = new URLSearchParams({ notice: 'confirmed', job: result.data.rescoringJobId ?? '' });
    redirect(303, `/commission?${query.toString()}`);
  },
};
