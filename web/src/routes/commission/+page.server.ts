import { appealsStaffApi, type QueueStatus } from '$lib/api/appeals-staff';
import { confirmActions } from '$lib/components/commission/confirm-actions';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
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

export const actions: Actions = confirmActions('commission.confirm.alreadyFinal', () => '/commission');
