import { redirect } from '@sveltejs/kit';
import { competitionsApi } from '$lib/api/competitions';
import { stagesApi } from '$lib/api/stages';
import { refusal } from '$lib/components/competitions/forms';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { Actions, PageServerLoad } from './$types';

const NOTICES = ['applied', 'withdrawn'] as const;

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'applicant');
  const result = await competitionsApi(event).application(event.params.id);
  if (!result.ok) loadFailure(result, 'Not found');
  const notice = event.url.searchParams.get('notice');
  // The rubric names the criteria the panel scored.
  const [vacancy, stages] = await Promise.all([
    competitionsApi(event).vacancy(result.data.vacancy.id),
    stagesApi(event).ownStages(event.params.id),
  ]);
  return {
    application: result.data,
    stages: stages.ok ? stages.data : [],
    rubric: vacancy.ok ? vacancy.data.round.rubric : [],
    notice: (NOTICES as readonly string[]).includes(notice ?? '') ? (notice as (typeof NOTICES)[number]) : null,
  };
};

export const actions: Actions = {
  /** First step of withdrawing: it cannot be undone, so the applicant confirms first. */
  prepareWithdraw: () => ({ kind: 'confirm-withdraw' as const }),

  withdraw: async (event) => {
    const result = await competitionsApi(event).withdraw(event.params.id);
    if (!result.ok) return refusal('withdraw' as const, result.status, result.error, {}, () => null);
    redirect(303, `/applications/${event.params.id}?notice=withdrawn`);
  },
};
