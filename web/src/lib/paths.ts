import { resolve } from '$app/paths';
import type { Pathname, ResolvedPathname } from '$app/types';

/** A link to one of our pages with a query string, leaving out empty parameters. */
export function withQuery(
  path: Pathname,
  params: Record<string, string | number | null | undefined>,
): ResolvedPathname {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  // `resolve` is typed per route; the union of every route with a query is too wide for its overloads,
  // but any known pathname with a query string is a valid argument.
  const resolveAny = resolve as (route: string) => ResolvedPathname;
  return resolveAny(query ? `${path}?${query}` : path);
}

/** Links to the neighbours of page `page` of `pages` (`?page=` from 1), keeping the other parameters. */
export function pageLinks(
  path: Pathname,
  page: number,
  pages: number,
  query: Record<string, string> = {},
): { previous: ResolvedPathname | null; next: ResolvedPathname | null } {
  return {
    previous: page > 1 ? withQuery(path, { ...query, page: page - 1 }) : null,
    next: page < pages ? withQuery(path, { ...query, page: page + 1 }) : null,
  };
}
