import { text, type Handle } from '@sveltejs/kit';
import { LOCALE_COOKIE, LOCALES, resolveLocale } from '$lib/i18n/locales';
import { registerMessages } from '$lib/i18n/translate';
import { MESSAGES } from '../messages/index';

// The server renders every language, so it holds all three at once; a browser loads only its own.
for (const locale of LOCALES) registerMessages(locale, MESSAGES[locale]);

/** Headers every page and endpoint gets. The CSP comes from SvelteKit (kit.csp), with nonces. */
const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  'cross-origin-opener-policy': 'same-origin',
};

/** The API's session cookie, under its development and its production (`__Host-`) name. */
const SESSION_COOKIES = ['imtahan_session', '__Host-imtahan_session'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A mutating request that the browser says came from another site. SvelteKit's own check covers only
 * form content types; a POST without a body (or with JSON) to an endpoint such as /sign-out would pass
 * it, and the API would then see our own Origin, since the page server calls it on the visitor's behalf.
 */
function isCrossSiteRequest(request: Request, url: URL): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const site = request.headers.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = request.headers.get('origin');
  return origin !== null && origin !== url.origin;
}

/** Whether a response belongs to one signed-in person: it was asked for with, or hands out, a session cookie. */
function isPersonal(event: Parameters<Handle>[0]['event'], response: Response): boolean {
  if (SESSION_COOKIES.some((name) => event.cookies.get(name) !== undefined)) return true;
  return response.headers
    .getSetCookie()
    .some((cookie) => SESSION_COOKIES.some((name) => cookie.startsWith(`${name}=`)));
}

export const handle: Handle = async ({ event, resolve }) => {
  if (isCrossSiteRequest(event.request, event.url)) {
    return text('Cross-site request refused.', { status: 403 });
  }
  const locale = resolveLocale(event.cookies.get(LOCALE_COOKIE), event.request.headers.get('accept-language'));
  event.locals.locale = locale;

  let response = await resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', locale),
  });
  try {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  } catch {
    // Some responses (e.g. from fetch) have immutable headers: copy them into one we can change.
    response = new Response(response.body, response);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  }
  // A page that could not be shown because the API was busy or away (503): browsers and crawlers may ask again
  // shortly, as the page itself says.
  if (response.status === 503 && !response.headers.has('retry-after')) response.headers.set('retry-after', '5');
  // A page rendered for a signed-in person (their name, their results) must not be kept by any cache,
  // nor shown again from the browser's history cache after sign-out on a shared exam-centre computer.
  if (isPersonal(event, response)) response.headers.set('cache-control', 'no-store');
  // The page depends on the language cookie and header; shared caches must keep the variants apart.
  if (response.headers.get('content-type')?.startsWith('text/html'))
    response.headers.append('vary', 'Cookie, Accept-Language');
  return response;
};
