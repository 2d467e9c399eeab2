import { env } from '$env/dynamic/private';
import type { ApiEvent } from './client';

/**
 * A GET to the API whose answer is a file rather than JSON (question export). It acts for the
 * browser as `callApi` does: the browser's cookies and identity headers go with it.
 */
export async function fetchApiFile(
  event: ApiEvent,
  path: string,
  query: Record<string, string | undefined>,
): Promise<Response> {
  const base = (env.API_URL || 'http://127.0.0.1:3000').replace(/\/$/, '');
  const url = new URL(`${base}${path}`);
  for (const [key, value] of Object.entries(query)) if (value) url.searchParams.set(key, value);
  const cookie = event.cookies
    .getAll()
    .map((c) => `${c.name}=${encodeURIComponent(c.value)}`)
    .join('; ');
  const headers = new Headers({
    origin: event.url.origin,
    'x-forwarded-host': event.url.host,
    'x-forwarded-proto': event.url.protocol.replace(/:$/, ''),
    'x-forwarded-for': event.getClientAddress(),
  });
  if (cookie) headers.set('cookie', cookie);
  return fetch(url, { headers, redirect: 'manual' });
}
