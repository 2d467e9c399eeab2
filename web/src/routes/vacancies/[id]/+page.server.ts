import { redirect } from '@sveltejs/kit';
import { competitionsApi } from '$lib/api/competitions';
import { stagesApi } from '$lib/api/stages';
import { refusal } from '$lib/components/competitions/forms';
import { loadFailure } from '$lib/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { user, twoFactorVerified } = await event.parent();
  const api = competitionsApi(event);
  const detail = await api.vacancy(event.params.id);
  if (!detail.ok) loadFailure(detail, 'Not found');
  const applicant = user?.role === 'applicant' && twoFactorVerified;
  const eligibility = applicant ? await api.eligibility(event.params.id) : null;
  const mine = applicant ? await api.applications() : null;
  // A staged round's stages and the lists published for this vacancy.
  const stages = await stagesApi(event).publicStages(detail.data.round.id);
  return {
    stages: stages.ok
      ? { stages: stages.data.stages, lists: stages.data.lists.filter((l) => l.vacancyId === event.params.id) }
      : { stages: [], lists: [] },
    detail: detail.data,
    signedIn: user !== null,
    applicant,
    eligibility: eligibility?.ok ? eligibility.data : null,
    application: mine?.ok ? (mine.data.find((a) => a.vacancy.id === event.params.id) ?? null) : null,
  };
};

export const actions: Actions = {
  apply: async (event) => {
    const result = await competitionsApi(event).apply(event.params.id);
    if (!result.ok) return refusal('apply' as const, result.status, result.error, {}, () => null);
    redirect(303, `/applications/${result.data.id}?notice=applied`);
  },
};
