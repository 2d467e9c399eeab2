import { error } from '@sveltejs/kit';
import { exportLinks, registerApi, type VacancyPage, type VacancySort } from '$lib/api/register';
import { filterOptions } from '$lib/components/register/options.server';
import { exportFilters, pagerLinks, readListQuery } from '$lib/components/register/query';
import type { RegisterVacancyStatus } from '$lib/api/register';
import type { PageServerLoad } from './$types';

const SORTS: readonly VacancySort[] = ['-date', 'date', 'deadline', '-deadline'];
const STATUSES: readonly RegisterVacancyStatus[] = ['announced', 'interviews', 'appointed', 'closed'];

export const load: PageServerLoad = async (event) => {
  const query = readListQuery(event.url.searchParams, {
    fields: ['q', 'agency', 'category', 'status', 'from', 'to'],
    sorts: SORTS,
    statuses: STATUSES,
  });
  const invalid = Object.keys(query.errors).length > 0;
  const { status, ...filters } = query.filters;
  const [options, page] = await Promise.all([
    filterOptions(event, event.locals.locale, { agencies: true }),
    invalid
      ? null
      : registerApi(event).vacancies({
          ...filters,
          status: status as RegisterVacancyStatus | undefined,
          cursor: query.cursor,
          limit: query.limit,
        }),
  ]);
  let list: VacancyPage | null = null;
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
    statuses: STATUSES,
    list,
    cursorExpired,
    now: new Date().toISOString(),
    pager: pagerLinks('/register/vacancies', query, list?.nextCursor ?? null, { sort: '-date' }),
    exports: exportLinks('vacancies', exportFilters(query)),
  };
};
