import { competitionsApi } from '$lib/api/competitions';
import { pageOf } from '$lib/paging';
import { loadFailure } from '$lib/forms';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const result = await competitionsApi(event).rounds();
  if (!result.ok) loadFailure(result);
  const now = Date.now();
  const all = event.url.searchParams.get('show') === 'all';
  // Open: announced and still taking applications. "All" adds the ranked, appointed and closed.
  const vacancies = result.data
    .flatMap((round) => round.vacancies.map((vacancy) => ({ vacancy, roundTitle: round.title })))
    .filter(
      ({ vacancy }) => all || (vacancy.status === 'announced' && new Date(vacancy.applicationDeadline).getTime() > now),
    );
  return { ...pageOf(vacancies, event.url), all };
};
