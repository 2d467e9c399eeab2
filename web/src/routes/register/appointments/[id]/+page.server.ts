import { error } from '@sveltejs/kit';
import { registerApi } from '$lib/api/register';
import type { PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async (event) => {
  if (!UUID.test(event.params.id)) error(404, { message: 'No such appointment' });
  const found = await registerApi(event).appointment(event.params.id);
  if (!found.ok) {
    if (found.status === 404 || found.status === 400) error(404, { message: 'No such appointment' });
    error(found.status >= 500 ? 503 : found.status, { message: found.error.message });
  }
  return { appointment: found.data.item, receipt: found.data.receipt };
};
