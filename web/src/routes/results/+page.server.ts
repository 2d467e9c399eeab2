import { resultsApi } from '$lib/api/results';
import { loadFailure } from '$lib/forms';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const published = await resultsApi(event).published();
  if (!published.ok) loadFailure(published);
  return { sittings: published.data };
};
