import { error } from '@sveltejs/kit';
import { CERTIFICATE_CODE, resultsApi } from '$lib/api/results';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const code = event.params.code.trim().toUpperCase();
  if (!CERTIFICATE_CODE.test(code)) error(404, { message: 'No such certificate' });
  const found = await resultsApi(event).verifyCertificate(code);
  if (!found.ok) {
    if (found.status === 404 || found.status === 400) error(404, { message: 'No such certificate' });
    error(found.status >= 500 ? 503 : found.status, { message: found.error.message });
  }
  // A revocation must show at once, as the API's own answer says.
  event.setHeaders({ 'cache-control': 'no-cache' });
  return { certificate: found.data };
};
