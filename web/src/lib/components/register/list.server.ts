import { type RequestEvent } from '@sveltejs/kit';
import type { ApiResult } from '$lib/api/client';
import { exportLinks } from '$lib/api/register';
import { loadFailure } from '$lib/forms';
import { filterOptions } from './options.server';
import { exportFilters, pagerLinks, readListQuery, type FilterName, type ListQuery } from './query';

export type RegisterList = 'appointments' | 'results' | 'vacancies';

/**
 * One page of a public register list: its query read and checked, the filters' choices, the page from the
 * API (none while a filter is wrong: bad input changes nothing), the pager and the open-data links.
 */
export async function loadRegisterList<S extends string, Item>(
  event: RequestEvent,
  list: RegisterList,
  options: {
    fields: readonly FilterName[];
    sorts: readonly S[];
    statuses?: readonly string[];
    agencies?: boolean;
    /** Adjusts the query before it is used (codes typed in lower case). */
    normalise?: (query: ListQuery<S>) => void;
    fetch: (query: ListQuery<S>) => Promise<ApiResult<{ items: Item[]; nextCursor: string | null }>>;
  },
) {
  const query = readListQuery(event.url.searchParams, options);
  options.normalise?.(query);
  const invalid = Object.keys(query.errors).length > 0;
  const [filterChoices, page] = await Promise.all([
    filterOptions(event, event.locals.locale, { agencies: options.agencies ?? false }),
    invalid ? null : options.fetch(query),
  ]);
  let found: { items: Item[]; nextCursor: string | null } | null = null;
  let cursorExpired = false;
  if (page && !page.ok) {
    if (page.status === 400 && page.error.fields?.some((f) => f.field === 'cursor')) cursorExpired = true;
    else loadFailure(page);
  } else if (page) {
    found = page.data;
  }
  return {
    query,
    options: filterChoices,
    list: found,
    cursorExpired,
    pager: pagerLinks(`/register/${list}`, query, found?.nextCursor ?? null, { sort: '-date' as S }),
    exports: exportLinks(list, exportFilters(query)),
  };
}
