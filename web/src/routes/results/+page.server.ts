import { error } from '@sveltejs/kit';
import { resultsApi } from '$lib/api/results';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const published = await resultsApi(event).published();
  if (!published.ok) error(published.status >= 500 ? 503 : published.status, { message: published.error.message });
  return { sittings: published.data };
};
