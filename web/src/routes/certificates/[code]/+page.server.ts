import { error } from '@sveltejs/kit';
import { CERTIFICATE_CODE, resultsApi } from '$lib/api/results';
import { loadFailure } from '$lib/forms';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const code = event.params.code.trim().toUpperCase();
  if (!CERTIFICATE_CODE.test(code)) error(404, { message: 'No such certificate' });
  const found = await resultsApi(event).verifyCertificate(code);
  if (!found.ok) loadFailure(found, 'No such certificate');
  // A revocation must show at once, as the API's own answer says.
  event.setHeaders({ 'cache-control': 'no-cache' });
  return { certificate: found.data };
};
