/** Where a page stands in its list. A type, not an interface: the pager's words take it whole as their values. */
export type Paging = {
  /** From 1. */
  page: number;
  pages: number;
  total: number;
  /** The 1-based positions of the page's first and last rows; 0 and 0 for an empty list. */
  from: number;
  to: number;
};

/**
 * The page asked for in the URL (`?page=` by default): a whole number from 1, anything else (none, a word, 0) the
 * first page.
 */
export function askedPage(url: URL, param = 'page'): number {
  return Math.max(Math.trunc(Number(url.searchParams.get(param) ?? '1')) || 1, 1);
}

/** How many pages a list has, at least one (an empty list is "page 1 of 1"). */
export function pageCount(list: { total: number; pageSize: number }): number {
  return Math.max(1, Math.ceil(list.total / list.pageSize));
}

/**
 * One page of a list the page's load holds whole (the API hands it over at once, or the page sorts it first):
 * the page asked for in the URL (`?page=` by default, from 1), clamped to the pages there are. The one way the
 * pages cut such a list; lists the API pages itself are asked for by page instead.
 */
export function pageOf<T>(
  items: readonly T[],
  url: URL,
  { param = 'page', size = 20 }: { param?: string; size?: number } = {},
): Paging & { items: T[] } {
  const pages = pageCount({ total: items.length, pageSize: size });
  const page = Math.min(askedPage(url, param), pages);
  const slice = items.slice((page - 1) * size, page * size);
  const from = slice.length > 0 ? (page - 1) * size + 1 : 0;
  return { items: slice, page, pages, total: items.length, from, to: from > 0 ? from + slice.length - 1 : 0 };
}
