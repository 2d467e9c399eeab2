import { error } from '@sveltejs/kit';
import { registerApi } from '$lib/api/register';
import type { PageServerLoad } from './$types';

const CANDIDATE_CODE = /^[A-Za-z0-9]{1,16}$/;

export const load: PageServerLoad = async (event) => {
  const code = event.params.candidateCode;
  if (!CANDIDATE_CODE.test(code)) error(404, { message: 'No such result' });
  const found = await registerApi(event).result(code.toUpperCase());
  if (!found.ok) {
    if (found.status === 404 || found.status === 400) error(404, { message: 'No such result' });
    error(found.status >= 500 ? 503 : found.status, { message: found.error.message });
  }
  return { result: found.data.item, receipt: found.data.receipt };
};
