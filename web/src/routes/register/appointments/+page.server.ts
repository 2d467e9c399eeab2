import { error } from '@sveltejs/kit';
import { exportLinks, registerApi, type AppointmentPage, type AppointmentSort } from '$lib/api/register';
import { filterOptions } from '$lib/components/register/options.server';
import { exportFilters, pagerLinks, readListQuery } from '$lib/components/register/query';
import type { PageServerLoad } from './$types';

const SORTS: readonly AppointmentSort[] = ['-date', 'date', 'name', '-name', '-score', 'score'];

export const load: PageServerLoad = async (event) => {
  const query = readListQuery(event.url.searchParams, {
    fields: ['q', 'agency', 'category', 'from', 'to'],
    sorts: SORTS,
  });
  const invalid = Object.keys(query.errors).length > 0;
  const [options, page] = await Promise.all([
    filterOptions(event, event.locals.locale, { agencies: true }),
    // Bad input changes nothing: the list is not asked for until the filters are fixed.
    invalid ? null : registerApi(event).appointments({ ...query.filters, cursor: query.cursor, limit: query.limit }),
  ]);
  let list: AppointmentPage | null = null;
  let cursorExpired = false;
  if (page && !page.ok) {
    if (page.status === 400 && page.error.fields?.some((f) => f.field === 'cursor')) cursorExpired = true;
    else error(page.status >= 500 ? 503 : page.status, { message: page.error.message });
  } else if (page) {
    list = page.data;
  }
  return {
    query,
    options,
    list,
    cursorExpired,
    pager: pagerLinks('/register/appointments', query, list?.nextCursor ?? null, { sort: '-date' }),
    exports: exportLinks('appointments', exportFilters(query)),
  };
};
