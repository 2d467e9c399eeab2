import { applicantAppealsApi } from '$lib/api/appeals-applicant';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import { consultationsApi } from '$lib/api/consultations';
import { rateAction } from '$lib/consultations-rating';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'applicant');
  const appeals = await applicantAppealsApi(event).own();
  if (!appeals.ok) loadFailure(appeals);
  // A decided appeal may be rated (issue 17): whether each has been, and may be now.
  const api = consultationsApi(event);
  const ratings = Object.fromEntries(
    await Promise.all(
      appeals.data
        .filter((a) => a.status !== 'pending')
        .map(async (a) => {
          const standing = await api.rating('appeal', a.id);
          return [a.id, standing.ok ? standing.data : null] as const;
        }),
    ),
  );
  return { appeals: appeals.data, ratings };
};

export const actions: Actions = {
  rate: (event) => rateAction(event, 'appeal'),
};
