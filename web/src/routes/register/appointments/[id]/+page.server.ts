import { error } from '@sveltejs/kit';
import { registerApi } from '$lib/api/register';
import { loadFailure } from '$lib/forms';
import type { PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async (event) => {
  if (!UUID.test(event.params.id)) error(404, { message: 'No such appointment' });
  const found = await registerApi(event).appointment(event.params.id);
  if (!found.ok) loadFailure(found, 'No such appointment');
  return { appointment: found.data.item, receipt: found.data.receipt };
};
