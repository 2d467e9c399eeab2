import { json } from '@sveltejs/kit';
import { sittingsApi } from '$lib/api/sittings';
import { loadFailure } from '$lib/forms';
import type { RequestHandler } from './$types';

/** The live board as JSON for the page's polling: the API's own answer, read with this browser's session. */
export const GET: RequestHandler = async (event) => {
  const result = await sittingsApi(event).board(event.params.id);
  if (!result.ok) loadFailure(result);
  return json(result.data, { headers: { 'cache-control': 'no-store' } });
};
