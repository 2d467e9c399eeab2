import { error } from '@sveltejs/kit';
import { api } from '$lib/api';
import { fetchApiFile } from '$lib/api/client';
import { requireRole } from '$lib/guards';
import { isLocale } from '$lib/i18n';
import { UUID } from '$lib/ids';
import type { RequestHandler } from './$types';

const DOCUMENTS = new Set(['roster.pdf', 'attendance.pdf', 'seat-plan.pdf']);

/** Hands one of the room's printed documents to its staff, in the language asked for or the page's own. */
export const GET: RequestHandler = async (event) => {
  const session = await api(event).session();
  if (!session.ok) error(503, { message: 'The API is not available.' });
  requireRole(session.data, event.url, 'invigilator', 'administrator');
  if (!UUID.test(event.params.id) || !DOCUMENTS.has(event.params.document)) error(404, { message: 'Not found' });
  const lang = event.url.searchParams.get('lang');
  let response: Response;
  try {
    response = await fetchApiFile(event, `/api/invigilation/rooms/${event.params.id}/${event.params.document}`, {
      lang: isLocale(lang) ? lang : event.locals.locale,
    });
  } catch {
    error(503, { message: 'The API is not available.' });
  }
  if (!response.ok) error(response.status >= 500 ? 503 : response.status, { message: 'Document not available' });
  return new Response(await response.arrayBuffer(), {
    headers: {
      'content-type': response.headers.get('content-type') ?? 'application/pdf',
      'content-disposition': response.headers.get('content-disposition') ?? 'attachment; filename="imtahan-room.pdf"',
      'cache-control': 'no-store',
    },
  });
};
