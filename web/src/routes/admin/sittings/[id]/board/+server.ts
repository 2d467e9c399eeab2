import { error, json } from '@sveltejs/kit';
import { sittingsApi } from '$lib/api/sittings';
import type { RequestHandler } from './$types';

/** The live board as JSON for the page's polling: the API's own answer, read with this browser's session. */
export const GET: RequestHandler = async (event) => {
  const result = await sittingsApi(event).board(event.params.id);
  if (!result.ok) error(result.status >= 500 ? 503 : result.status, { message: result.error.message });
  return json(result.data, { headers: { 'cache-control': 'no-store' } });
};
