import { error, type RequestEvent } from '@sveltejs/kit';
import { isLocale, type Locale } from '$lib/i18n';
import { fetchApiFile, type ApiEvent } from './client';

/** What the browser is told of a relayed file when the API does not say, and the words if the API refuses it. */
export interface FileDefaults {
  type: string;
  filename: string;
  unavailable: string;
}

/** The language a printed document is asked for in (`?lang=`), or else the page's own. */
export function documentLanguage(event: Pick<RequestEvent, 'url' | 'locals'>): Locale {
  const lang = event.url.searchParams.get('lang');
  return isLocale(lang) ? lang : event.locals.locale;
}

/**
 * Hands a file the API makes (a PDF, a question export) on to the browser as it came. An API out of reach or
 * failing is a 503; any other refusal keeps the API's status, in `unavailable`'s words. The file is never cached:
 * it carries a person's data or the question bank.
 */
export async function relayApiFile(
  event: ApiEvent,
  path: string,
  query: Parameters<typeof fetchApiFile>[2],
  defaults: FileDefaults,
): Promise<Response> {
  let response: Response;
  try {
    response = await fetchApiFile(event, path, query);
  } catch {
    error(503, { message: 'The API is not available.' });
  }
  if (!response.ok) error(response.status >= 500 ? 503 : response.status, { message: defaults.unavailable });
  return new Response(await response.arrayBuffer(), {
    headers: {
      'content-type': response.headers.get('content-type') ?? defaults.type,
      'content-disposition':
        response.headers.get('content-disposition') ?? `attachment; filename="${defaults.filename}"`,
      'cache-control': 'no-store',
    },
  });
}
