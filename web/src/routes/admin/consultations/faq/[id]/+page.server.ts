import { error, fail, redirect } from '@sveltejs/kit';
import { consultationsApi } from '$lib/api/consultations';
import { faqFailure, readFaqForm } from '$lib/faq-form';
import { loadFailure, messageFor } from '$lib/forms';
import { requireRole } from '$lib/guards';
import type { Actions, PageServerLoad } from './$types';

/** An entry is found in the public list (published entries only); a withdrawn one is gone from it. */
export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'examiner', 'administrator');
  const api = consultationsApi(event);
  let entry = null;
  for (let page = 1; !entry; page++) {
    const list = await api.faq({ page });
    if (!list.ok) loadFailure(list);
    entry = list.data.entries.find((e) => e.id === event.params.id) ?? null;
    if (page * list.data.pageSize >= list.data.total) break;
  }
  if (!entry) error(404, { message: 'No such FAQ entry.' });
  return { entry, confirming: event.url.searchParams.get('withdraw') === '1' };
};

export const actions: Actions = {
  edit: async (event) => {
    const { values, body } = readFaqForm(await event.request.formData());
    const result = await consultationsApi(event).editFaq(event.params.id, body);
    if (!result.ok) return faqFailure(result, values);
    redirect(303, '/admin/consultations/faq?notice=edited');
  },
  withdraw: async (event) => {
    const result = await consultationsApi(event).withdrawFaq(event.params.id);
    if (!result.ok) return fail(result.status, { message: messageFor(result.status, result.error) });
    redirect(303, '/admin/consultations/faq?notice=withdrawn');
  },
};
