import { error } from '@sveltejs/kit';
import { logApi } from '$lib/api/log';
import { loadFailure } from '$lib/forms';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const raw = event.params.index;
  const index = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(index)) error(404, { message: 'No such log entry' });

  const result = await logApi(event).entry(index);
  if (!result.ok) loadFailure(result, 'No such log entry');
  const entry = result.data;
  return {
    entry,
    time: typeof entry.entry.time === 'string' ? entry.entry.time : null,
    /** Laid out for people; the canonical text beside it is what was hashed. */
    pretty: JSON.stringify(entry.entry, null, 2),
  };
};
