import { error } from '@sveltejs/kit';
import { resultsApi } from '$lib/api/results';
import { statisticsApi } from '$lib/components/statistics/api';
import { loadFailure } from '$lib/forms';
import { UUID } from '$lib/ids';
import type { PageServerLoad } from './$types';

/** A candidate code as typed into the search: trimmed, upper case, at most a sensible length. */
function candidateQuery(raw: string | null): string {
  return (raw ?? '').trim().toUpperCase().slice(0, 40);
}

export const load: PageServerLoad = async (event) => {
  if (!UUID.test(event.params.sittingId)) error(404, { message: 'No published results' });
  const [results, reliability] = await Promise.all([
    resultsApi(event).sitting(event.params.sittingId),
    statisticsApi(event).reliability(event.params.sittingId),
  ]);
  if (!results.ok) loadFailure(results, 'No published results');
  const code = candidateQuery(event.url.searchParams.get('code'));
  const rows = code ? results.data.results.filter((r) => r.candidateCode.toUpperCase() === code) : null;
  // The reliability and histogram are computed in the background after publication: absent until then.
  return { results: results.data, reliability: reliability.ok ? reliability.data : null, code, found: rows };
};
