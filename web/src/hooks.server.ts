import type { Handle } from '@sveltejs/kit';
import { LOCALE_COOKIE, resolveLocale } from '$lib/i18n/locales';

/** Headers every page and endpoint gets. The CSP comes from SvelteKit (kit.csp), with nonces. */
const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  'cross-origin-opener-policy': 'same-origin',
};

export const handle: Handle = async ({ event, resolve }) => {
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
  // The page depends on the language cookie and header; shared caches must keep the variants apart.
  if (response.headers.get('content-type')?.startsWith('text/html'))
    response.headers.append('vary', 'Cookie, Accept-Language');
  return response;
};
