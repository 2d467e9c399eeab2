import { env } from '$env/dynamic/private';
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { parseSetCookie, type Cookie } from 'set-cookie-parser';
import { readResponse, type ApiMethod, type ApiResult } from './response';

export type { ApiError, ApiResult, FieldProblem } from './response';

type Query = Record<string, string | number | undefined | null>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
}

/** What the client needs from SvelteKit's request event: enough to act for the browser that asked. */
export type ApiEvent = Pick<RequestEvent, 'request' | 'url' | 'cookies' | 'getClientAddress'>;

function apiBase(): string {
  return (env.API_URL || 'http://127.0.0.1:3000').replace(/\/$/, '');
}

/**
 * The Cookie header to send: the browser's cookies as this request now sees them, so a session
 * set earlier in the same request (sign-in, then the page's load) is the one used.
 */
function cookieHeader(cookies: Cookies): string {
  return cookies
    .getAll()
    .map((c) => `${c.name}=${encodeURIComponent(c.value)}`)
    .join('; ');
}

/** Passes the API's Set-Cookie headers on to the browser, through SvelteKit so they merge with its own. */
function relayCookies(response: Response, cookies: Cookies): void {
  const parsed: Cookie[] = parseSetCookie(response.headers.getSetCookie(), { decodeValues: true });
  for (const cookie of parsed) {
    const options = {
      path: cookie.path ?? '/',
      httpOnly: cookie.httpOnly ?? false,
      secure: cookie.secure ?? false,
      sameSite: (cookie.sameSite?.toLowerCase() ?? 'lax') as 'lax' | 'strict' | 'none',
      ...(cookie.domain ? { domain: cookie.domain } : {}),
    };
    const cleared =
      cookie.value === '' ||
      cookie.maxAge === 0 ||
      (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now());
    if (cleared) {
      cookies.delete(cookie.name, options);
    } else {
      cookies.set(cookie.name, cookie.value, {
        ...options,
        ...(cookie.maxAge !== undefined ? { maxAge: cookie.maxAge } : {}),
        ...(cookie.expires !== undefined ? { expires: cookie.expires } : {}),
      });
    }
  }
}

/**
 * A request to the API on behalf of the browser behind `event`. Server-side only: it forwards the
 * browser's cookies and identity headers, so the API sees the same origin, host and address. Throws
 * when the API cannot be reached.
 */
async function forward(
  event: ApiEvent,
  method: ApiMethod,
  path: string,
  options: RequestOptions & { json?: boolean },
): Promise<Response> {
  const url = new URL(`${apiBase()}${path}`);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
  }
  const headers = new Headers({
    origin: event.url.origin,
    'x-forwarded-host': event.url.host,
    'x-forwarded-proto': event.url.protocol.replace(/:$/, ''),
    'x-forwarded-for': event.getClientAddress(),
  });
  if (options.json !== false) headers.set('accept', 'application/json');
  const cookie = cookieHeader(event.cookies);
  if (cookie) headers.set('cookie', cookie);
  const language = event.request.headers.get('accept-language');
  if (language) headers.set('accept-language', language);
  if (options.body !== undefined) headers.set('content-type', 'application/json');
  return fetch(url, {
    method,
    headers,
    body: options.body === undefined ? null : JSON.stringify(options.body),
    redirect: 'manual',
  });
}

/** Calls the JSON API on behalf of the browser behind `event` (see `forward`), relaying the cookies it sets. */
export async function callApi<T>(
  event: ApiEvent,
  method: ApiMethod,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await forward(event, method, path, options);
  } catch {
    return { ok: false, status: 503, error: { code: 'UNAVAILABLE', message: 'The API could not be reached.' } };
  }
  relayCookies(response, event.cookies);
  return readResponse<T>(response);
}

/** A GET whose answer is a file rather than JSON (question export), acting for the browser as `callApi` does. */
export function fetchApiFile(event: ApiEvent, path: string, query: Query): Promise<Response> {
  return forward(event, 'GET', path, { query, json: false });
}
