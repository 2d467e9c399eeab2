import { error } from '@sveltejs/kit';
import { exportLinks, registerApi, type ResultPage, type ResultSort } from '$lib/api/register';
import { filterOptions } from '$lib/components/register/options.server';
import { exportFilters, pagerLinks, readListQuery } from '$lib/components/register/query';
import type { PageServerLoad } from './$types';

const SORTS: readonly ResultSort[] = ['-date', 'date', '-points', 'points'];

export const load: PageServerLoad = async (event) => {
  const query = readListQuery(event.url.searchParams, {
    fields: ['q', 'sitting', 'category', 'from', 'to'],
    sorts: SORTS,
  });
  // Candidate codes are printed in capitals; typed in lower case they are the same code.
  if (query.filters.q) query.filters.q = query.filters.q.toUpperCase();
  if (query.filters.sitting) query.filters.sitting = query.filters.sitting.toUpperCase();
  const invalid = Object.keys(query.errors).length > 0;
  const [options, page] = await Promise.all([
    filterOptions(event, event.locals.locale),
    invalid ? null : registerApi(event).results({ ...query.filters, cursor: query.cursor, limit: query.limit }),
  ]);
  let list: ResultPage | null = null;
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
    pager: pagerLinks('/register/results', query, list?.nextCursor ?? null, { sort: '-date' }),
    exports: exportLinks('results', exportFilters(query)),
  };
};
