import { accountApi } from '$lib/api/account';
import { loadFailure } from '$lib/forms';
import { requireRole } from '$lib/guards';
import { pageCount } from '$lib/paging';
import type { PageServerLoad } from './$types';

/** The API's page size (OUTBOX_PAGE_SIZE), for counting pages. */
const PAGE_SIZE = 25;

export const load: PageServerLoad = async (event) => {
  requireRole(await event.parent(), event.url, 'administrator');
  const asked = Number(event.url.searchParams.get('page') ?? '1');
  const page = Number.isInteger(asked) && asked >= 1 && asked <= 100_000 ? asked : 1;
  const result = await accountApi(event).outbox(page);
  if (!result.ok) loadFailure(result);
  return { outbox: result.data, page, pages: pageCount({ total: result.data.total, pageSize: PAGE_SIZE }) };
};
