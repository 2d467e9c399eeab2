import { redirect } from '@sveltejs/kit';
import { consultationsApi } from '$lib/api/consultations';
import { faqFailure, readFaqForm } from '$lib/faq-form';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  const page = Math.max(1, Math.min(10_000, Number(event.url.searchParams.get('page')) || 1));
  const faq = await consultationsApi(event).faq({ page });
  if (!faq.ok) loadFailure(faq);
  return { faq: faq.data, notice: event.url.searchParams.get('notice') };
};

export const actions: Actions = {
  publish: async (event) => {
    const { values, body } = readFaqForm(await event.request.formData());
    const result = await consultationsApi(event).publishFaq(body);
    if (!result.ok) return faqFailure(result, values);
    redirect(303, '/admin/consultations/faq?notice=published');
  },
};
