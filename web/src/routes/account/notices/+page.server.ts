import { fail } from '@sveltejs/kit';
import { noticesApi } from '$lib/api/notices';
import { loadFailure, messageFor } from '$lib/forms';
import { requireUser } from '$lib/guards';
import { pageCount } from '$lib/paging';
import type { Actions, PageServerLoad } from './$types';

/** The API's page size (NOTICES_PAGE_SIZE), for counting pages. */
const PAGE_SIZE = 20;

export const load: PageServerLoad = async (event) => {
  const parent = await event.parent();
  requireUser(parent, event.url);
  const asked = Number(event.url.searchParams.get('page') ?? '1');
  const page = Number.isInteger(asked) && asked >= 1 && asked <= 100_000 ? asked : 1;
  // Written in the page's language, whatever language the mail went out in.
  const result = await noticesApi(event).list(page, parent.locale);
  if (!result.ok) loadFailure(result);
  return { notices: result.data, page, pages: pageCount({ total: result.data.total, pageSize: PAGE_SIZE }) };
};

export const actions: Actions = {
  read: async (event) => {
    const id = (await event.request.formData()).get('id');
    if (typeof id !== 'string' || id === '') return fail(400, { message: 'errors.unexpected' as const });
    const result = await noticesApi(event).markRead(id);
    if (!result.ok) return fail(result.status, { message: messageFor(result.status, result.error) });
    return { marked: result.data.marked };
  },
  readAll: async (event) => {
    const result = await noticesApi(event).markAllRead();
    if (!result.ok) return fail(result.status, { message: messageFor(result.status, result.error) });
    return { markedAll: result.data.marked };
  },
};
