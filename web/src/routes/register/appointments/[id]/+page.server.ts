import { error } from '@sveltejs/kit';
import { registerApi } from '$lib/api/register';
import { loadFailure } from '$lib/forms';
import { UUID } from '$lib/ids';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  if (!UUID.test(event.params.id)) error(404, { message: 'No such appointment' });
  const found = await registerApi(event).appointment(event.params.id);
  if (!found.ok) loadFailure(found, 'No such appointment');
  return { appointment: found.data.item, receipt: found.data.receipt };
};
