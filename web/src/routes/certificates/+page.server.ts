import { redirect } from '@sveltejs/kit';
import { CERTIFICATE_CODE } from '$lib/api/results';
import type { PageServerLoad } from './$types';

/** The look-up form is a GET: a good code goes straight to its verification page, a bad one is named. */
export const load: PageServerLoad = ({ url }) => {
  if (!url.searchParams.has('code')) return { code: '', error: null };
  const code = (url.searchParams.get('code') ?? '').trim().toUpperCase();
  if (code === '') return { code, error: 'required' as const };
  if (!CERTIFICATE_CODE.test(code)) return { code, error: 'pattern' as const };
  redirect(303, `/certificates/${encodeURIComponent(code)}`);
};
