import { error } from '@sveltejs/kit';
import { registerApi } from '$lib/api/register';
import { loadFailure } from '$lib/forms';
import type { PageServerLoad } from './$types';

const CANDIDATE_CODE = /^[A-Za-z0-9]{1,16}$/;

export const load: PageServerLoad = async (event) => {
  const code = event.params.candidateCode;
  if (!CANDIDATE_CODE.test(code)) error(404, { message: 'No such result' });
  const found = await registerApi(event).result(code.toUpperCase());
  if (!found.ok) loadFailure(found, 'No such result');
  return { result: found.data.item, receipt: found.data.receipt };
};
