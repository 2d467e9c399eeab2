/**
 * The register lists' query strings: what the visitor asked for, checked before the API is asked,
 * and the links that page through a list with the API's keyset cursor.
 *
 * The API's cursor only goes forward. To go back without JavaScript, each page's address carries the
 * cursors of the pages before it (`back`, oldest first; '' is the first page), so "previous" is a
 * plain link. Only the latest few are kept, which bounds the address; "first page" always works.
 */
import type { ResolvedPathname } from '$app/types';
import { resolve } from '$app/paths';

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;
const MAX_BACK = 20;
const MAX_CURSOR = 400;
const CODE = /^[A-Za-z0-9_.-]{1,40}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export type FilterError = 'tooLong' | 'code' | 'date' | 'order';
export type FilterName = 'q' | 'agency' | 'category' | 'sitting' | 'status' | 'from' | 'to';

export interface ListQuery<S extends string> {
  /** What to put back into the form, as typed. */
  values: Record<FilterName, string> & { sort: S; limit: string };
  /** The filters the API gets, when all are valid. */
  filters: Partial<Record<FilterName, string>> & { sort: S };
  errors: Partial<Record<FilterName, FilterError>>;
  cursor: string | undefined;
  back: string[];
  limit: number;
  /** 1 for the first page; counts the pages walked from it. */
  pageNumber: number;
}

function isDay(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Reads a register list's query string; `fields` are the filters this list has. */
export function readListQuery<S extends string>(
  params: URLSearchParams,
  options: { fields: readonly FilterName[]; sorts: readonly S[]; statuses?: readonly string[] },
): ListQuery<S> {
  const text = (name: string) => (params.get(name) ?? '').trim();
  const values = {
    q: text('q'),
    agency: text('agency'),
    category: text('category'),
    sitting: text('sitting'),
    status: text('status'),
    from: text('from'),
    to: text('to'),
  };
  const errors: ListQuery<S>['errors'] = {};
  const filters: Partial<Record<FilterName, string>> = {};
  for (const field of options.fields) {
    const value = values[field];
    if (value === '') continue;
    if (field === 'q') {
      if (value.length > 200) errors.q = 'tooLong';
    } else if (field === 'from' || field === 'to') {
      if (!isDay(value)) errors[field] = 'date';
    } else if (field === 'status') {
      if (!(options.statuses ?? []).includes(value)) errors.status = 'code';
    } else if (!CODE.test(value)) {
      errors[field] = 'code';
    }
    if (!errors[field]) filters[field] = value;
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    errors.to = 'order';
    delete filters.to;
  }

  const sortParam = text('sort');
  const sort = (options.sorts as readonly string[]).includes(sortParam) ? (sortParam as S) : options.sorts[0]!;
  const limitParam = Number(text('limit'));
  // The form offers PAGE_SIZES; an address may ask for any size the API allows up to the largest.
  const limit =
    Number.isSafeInteger(limitParam) && limitParam >= 1 && limitParam <= PAGE_SIZES.at(-1)!
      ? limitParam
      : DEFAULT_PAGE_SIZE;
  const cursorParam = text('cursor');
  const cursor = cursorParam && cursorParam.length <= MAX_CURSOR ? cursorParam : undefined;
  const walked = params.getAll('back').filter((c) => c.length <= MAX_CURSOR);
  const back = cursor ? walked.slice(-MAX_BACK) : [];
  const pageParam = Number(text('page'));
  const pageNumber = cursor ? (Number.isSafeInteger(pageParam) && pageParam >= 2 ? pageParam : 2) : 1;

  return {
    values: { ...values, sort, limit: String(limit) },
    filters: { ...filters, sort },
    errors,
    cursor,
    back,
    limit,
    pageNumber,
  };
}

/** A register page with a query string; repeated keys for arrays, empty values left out (but not in `back`). */
export function registerHref(
  path: '/register/appointments' | '/register/results' | '/register/vacancies' | '/register/statistics',
  params: Record<string, string | number | undefined>,
  back: readonly string[] = [],
): ResolvedPathname {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  for (const cursor of back) search.append('back', cursor);
  const query = search.toString();
  const resolveAny = resolve as (route: string) => ResolvedPathname;
  return resolveAny(query ? `${path}?${query}` : path);
}

/** The list's own filters, sort and page size, as they go into every link of its pager. */
export function keptParams<S extends string>(query: ListQuery<S>, defaults: { sort: S }) {
  const kept: Record<string, string | undefined> = { ...query.filters };
  if (kept.sort === defaults.sort) delete kept.sort;
  return { ...kept, limit: query.limit === DEFAULT_PAGE_SIZE ? undefined : String(query.limit) };
}

/** Next and previous pages of a keyset list, as links; null where there is none. */
export function pagerLinks<S extends string>(
  path: Parameters<typeof registerHref>[0],
  query: ListQuery<S>,
  nextCursor: string | null,
  defaults: { sort: S },
) {
  const kept = keptParams(query, defaults);
  const previousCursor = query.back.at(-1);
  const previous = query.cursor
    ? previousCursor
      ? registerHref(path, { ...kept, cursor: previousCursor, page: query.pageNumber - 1 }, query.back.slice(0, -1))
      : registerHref(path, kept)
    : null;
  const next = nextCursor
    ? registerHref(path, { ...kept, cursor: nextCursor, page: query.pageNumber + 1 }, [
        ...query.back,
        query.cursor ?? '',
      ])
    : null;
  const first = query.cursor ? registerHref(path, kept) : null;
  return { previous, next, first };
}

/** The export query: the list's filters and sort, without paging. */
export function exportFilters<S extends string>(query: ListQuery<S>): Record<string, string | undefined> {
  return { ...query.filters };
}
