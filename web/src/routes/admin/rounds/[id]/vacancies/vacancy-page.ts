import { error, type RequestEvent } from '@sveltejs/kit';
import { competitionsApi } from '$lib/api/competitions';
import { loadFailure } from '$lib/forms';

/** What the vacancy form offers: the agencies, and the subgroups a vacancy may require. */
export async function formChoices(event: RequestEvent) {
  const api = competitionsApi(event);
  const [round, agencies, categories] = await Promise.all([
    api.adminRound(event.params.id ?? ''),
    api.agencies(),
    api.categories(),
  ]);
  for (const result of [round, agencies, categories]) {
    if (!result.ok) loadFailure(result, 'Not found');
  }
  if (!round.ok || !agencies.ok || !categories.ok) error(503);
  return {
    round: round.data,
    agencies: agencies.data,
    categories: categories.data.filter((c) => c.parentCode !== null),
  };
}
