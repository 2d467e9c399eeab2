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
  return query ? resolve(`${path}?${query}` as `${Pathname}?${string}`) : resolve(path as '/');
}
